"""Reading the correlation ids of an incoming request and passing them on to outgoing calls.

Headers, in order of precedence when a request arrives (:func:`incoming_ids`):

1. ``traceparent`` (W3C Trace Context, ``00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>``):
   its trace id is used when the header is valid. A malformed header, an all-zero trace or
   parent id, or version ``ff`` is ignored, as the W3C specification requires.
2. ``X-Trace-ID`` (the seeds' own header): used when there is no valid ``traceparent`` and it
   is a plain token (:data:`MAX_ID_LENGTH` characters of letters, digits and ``._:-``).
3. Otherwise a new trace id.

``X-Request-ID`` is kept when it is such a token, otherwise a new one is made. The span id is
always new: it names this service's part of the trace.

Outgoing calls carry the ids on (:func:`inject_headers`): ``traceparent`` with the current trace
id and a new child span id (only when the trace id is W3C-shaped), ``X-Trace-ID`` and ``X-Request-ID``.
"""

import re

from . import context

#: The longest X-Trace-ID / X-Request-ID taken from a request: longer ones are someone else's payload, not an id.
MAX_ID_LENGTH = 128

_TOKEN = re.compile(r"[A-Za-z0-9._:\-]{1,%d}\Z" % MAX_ID_LENGTH)
_TRACEPARENT = re.compile(r"([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?\Z")
_ZERO_TRACE = "0" * 32
_W3C_TRACE_ID = re.compile(r"[0-9a-f]{32}\Z")
_ZERO_SPAN = "0" * 16
#: Trace flags sent on outgoing calls: "sampled", the flag most tracing back ends look for.
SAMPLED = "01"


class Traceparent:
    """A valid W3C ``traceparent`` header: version, trace id, parent (span) id and flags."""

    __slots__ = ("version", "trace_id", "parent_id", "flags")

    def __init__(self, version, trace_id, parent_id, flags):
        self.version = version
        self.trace_id = trace_id
        self.parent_id = parent_id
        self.flags = flags

    def __str__(self):
        return "%s-%s-%s-%s" % (self.version, self.trace_id, self.parent_id, self.flags)

    def __repr__(self):
        return "Traceparent(%r)" % str(self)


def parse_traceparent(value):
    """The :class:`Traceparent` in ``value``, or None when it is missing or invalid.

    Invalid means: not ``version-traceid-parentid-flags`` in lowercase hex of the right lengths,
    version ``ff``, version ``00`` with anything after the flags, or an all-zero trace or parent id.
    A later version may append fields after the flags (``-…``); they are ignored.
    """
    if not value:
        return None
    match = _TRACEPARENT.match(value.strip())
    if match is None:
        return None
    version, trace_id, parent_id, flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest) or trace_id == _ZERO_TRACE or parent_id == _ZERO_SPAN:
        return None
    return Traceparent(version, trace_id, parent_id, flags)


def is_plain_id(value):
    """Whether ``value`` is usable as an X-Trace-ID / X-Request-ID: a token of up to MAX_ID_LENGTH characters."""
    return bool(value) and _TOKEN.match(value) is not None


def incoming_ids(header):
    """The ids for a request whose header ``name`` (lowercase) reads ``header(name)`` (None when absent).

    Returns a dict with ``trace_id``, ``span_id`` (always new) and ``request_id``, following the
    precedence in this module's description.
    """
    parent = parse_traceparent(header("traceparent"))
    if parent is not None:
        trace_id = parent.trace_id
    else:
        given = header("x-trace-id")
        trace_id = given.strip() if given and is_plain_id(given.strip()) else context.new_trace_id()
    given_request = header("x-request-id")
    request_id = given_request.strip() if given_request and is_plain_id(given_request.strip()) else None
    return {
        "trace_id": trace_id,
        "span_id": context.new_span_id(),
        "request_id": request_id or context.new_request_id(),
    }


def response_headers(ids):
    """The headers that echo a request's ids in its response: X-Trace-ID and X-Request-ID."""
    return [("X-Trace-ID", ids["trace_id"]), ("X-Request-ID", ids["request_id"])]


def outgoing_headers():
    """The headers an outgoing call carries: traceparent (new child span id), X-Trace-ID, X-Request-ID.

    Outside any trace (no trace id set) the call starts a new trace of its own; the current
    context is not changed. A trace id that is not W3C-shaped (one taken from an X-Trace-ID such
    as a UUID) travels in X-Trace-ID alone, since a traceparent would have to carry another id and
    would win at the next service. X-Request-ID is sent only when a request id is set.
    """
    trace_id = context.get_trace_id() or context.new_trace_id()
    headers = {}
    if _W3C_TRACE_ID.match(trace_id) and trace_id != _ZERO_TRACE:
        headers["traceparent"] = "00-%s-%s-%s" % (trace_id, context.new_span_id(), SAMPLED)
    headers["X-Trace-ID"] = trace_id
    request_id = context.get_request_id()
    if request_id is not None:
        headers["X-Request-ID"] = request_id
    return headers


def inject_headers(headers=None):
    """Adds the correlation headers (:func:`outgoing_headers`) to ``headers`` and returns it.

    ``headers`` is a dict (``requests``' ``headers=``), or a ``urllib.request.Request`` (its
    ``add_header`` is used), or None for a new dict. A header the caller already set, in any
    letter case, is left as it is::

        requests.get(url, headers=inject_headers({"Accept": "application/json"}))
        urllib.request.urlopen(inject_headers(urllib.request.Request(url)))
    """
    if headers is None:
        headers = {}
    if hasattr(headers, "add_header") and hasattr(headers, "has_header"):
        for name, value in outgoing_headers().items():
            # urllib's Request stores names capitalized ("Traceparent", "X-trace-id")
            if not headers.has_header(name.capitalize()):
                headers.add_header(name, value)
        return headers
    present = {str(name).lower() for name in headers.keys()}
    for name, value in outgoing_headers().items():
        if name.lower() not in present:
            headers[name] = value
    return headers
