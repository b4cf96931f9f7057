"""``IngestClient``: one HTTP exchange with Corral's native ingest API, classified for the sender.

``POST {url}/api/v1/ingest`` with an NDJSON body (one JSON event per line), gzip-compressed,
``Authorization: Bearer <id:secret>`` when an API key is given (docs/security.md). The answer
comes once the events are durable in Corral's write-ahead log.

What each answer means for the batch (:class:`Outcome`):

* 2xx — ``delivered`` (the server may still have rejected single lines: they are stored there
  as dead letters, and ``rejected`` counts them).
* 429, 503, 507 and the other 5xx — ``retry``, after ``Retry-After`` when the server sent one.
* any other 4xx (400, 401, 403, 413, 415) — ``refused``: sending it again cannot succeed.
* no answer (connection refused or reset, time-out, unknown host, TLS failure) — ``unreachable``.

Not thread-safe: the handler's one sender thread owns its client. The connection is kept alive
between batches and opened again after any failure; a request that finds the kept-alive
connection closed by the server (its idle timeout) is sent once more at once on a new one.
"""

import email.utils
import gzip
import http.client
import json
import time
import urllib.parse

#: Statuses that say "later", not "never" (docs/ingest.md, errors for the whole request).
_RETRY_STATUSES = frozenset({429, 503, 507})
#: Longest error text kept from an answer: enough for Corral's one-sentence reasons.
_MAX_REASON_CHARS = 500
#: gzip level 1: log lines compress about 8x even so, and the sender thread shares the GIL with the application.
_GZIP_LEVEL = 1


class Outcome:
    """What became of one batch: ``kind`` is delivered, retry, refused or unreachable."""

    __slots__ = ("kind", "accepted", "rejected", "retry_after", "reason")

    def __init__(self, kind, accepted=0, rejected=0, retry_after=None, reason=""):
        self.kind = kind
        self.accepted = accepted
        self.rejected = rejected
        self.retry_after = retry_after
        self.reason = reason

    def __repr__(self):
        return "Outcome(%s, accepted=%d, rejected=%d, retry_after=%r, reason=%r)" % (
            self.kind, self.accepted, self.rejected, self.retry_after, self.reason)


class IngestClient:
    """Posts batches of encoded lines to one Corral server."""

    def __init__(self, url, api_key=None, timeout=5.0, compress=True):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError("Corral url %r must be http://host[:port] or https://host[:port]" % (url,))
        self.url = url.rstrip("/")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port
        self._path = parsed.path.rstrip("/") + "/api/v1/ingest"
        self._timeout = timeout
        self._compress = compress
        self._headers = {"Content-Type": "application/x-ndjson", "User-Agent": "corral-logging-python"}
        if compress:
            self._headers["Content-Encoding"] = "gzip"
        if api_key:
            self._headers["Authorization"] = "Bearer " + api_key
        self._connection = None

    def post(self, lines):
        """Sends ``lines`` (bytes, each without its newline) as one request; never raises for I/O."""
        body = b"\n".join(lines) + b"\n"
        if self._compress:
            body = gzip.compress(body, compresslevel=_GZIP_LEVEL)
        reused = self._connection is not None
        try:
            return self._exchange(body)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
            self.close()
            if not reused:
                return Outcome("unreachable", reason="%s: %s" % (type(error).__name__, error))
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return Outcome("unreachable", reason="%s: %s" % (type(error).__name__, error))
        # the kept-alive connection had been closed by the server while idle: once more on a new one
        try:
            return self._exchange(body)
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return Outcome("unreachable", reason="%s: %s" % (type(error).__name__, error))

    def _exchange(self, body):
        connection = self._open()
        connection.request("POST", self._path, body=body, headers=self._headers)
        response = connection.getresponse()
        status = response.status
        retry_after = response.getheader("Retry-After")
        answer = response.read()
        if response.will_close:
            self.close()
        return _classify(status, retry_after, answer)

    def close(self):
        """Closes the kept-alive connection, if any."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def _open(self):
        if self._connection is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._connection = kind(self._host, self._port, timeout=self._timeout)
        return self._connection


def _classify(status, retry_after, answer):
    if 200 <= status < 300:
        accepted, rejected = _counts(answer)
        return Outcome("delivered", accepted=accepted, rejected=rejected)
    reason = "HTTP %d: %s" % (status, answer[:_MAX_REASON_CHARS].decode("utf-8", "replace").strip())
    if status in _RETRY_STATUSES or status >= 500:
        return Outcome("retry", retry_after=parse_retry_after(retry_after), reason=reason)
    return Outcome("refused", reason=reason)


def _counts(answer):
    try:
        parsed = json.loads(answer)
        return int(parsed.get("accepted", 0)), int(parsed.get("rejected", 0))
    except (ValueError, AttributeError, TypeError):
        return 0, 0


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date); None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
