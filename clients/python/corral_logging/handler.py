"""``CorralHandler``: a logging handler that ships records to Corral without ever blocking the caller.

How a record travels:

1. On the caller's thread, :meth:`CorralHandler.emit` formats the record (so the ids of the
   caller's context are the ones recorded) and puts the line on a bounded ``queue.Queue`` with
   ``put_nowait``. When the queue is full the record is **dropped** and counted by level; the
   caller never waits, whatever the server does.
2. One daemon thread takes up to ``batch_size`` lines (or ``max_batch_bytes``, or what arrived
   within ``flush_interval``) and posts them, gzip-compressed NDJSON, to ``/api/v1/ingest``.
3. Answers (see :mod:`corral_logging.ingest_client`): a 2xx is delivered. 429, 503, 507 and
   other 5xx, and a server that does not answer, are retried up to ``max_retries`` times,
   waiting ``Retry-After`` when the server sent one (at most ``max_retry_after``), else
   ``backoff`` doubling up to ``max_backoff``. Other 4xx (a wrong API key, 413) are not retried.

**When lines go to stderr instead** (the fallback; each line is the same JSON line that would
have been sent, so a shipper reading the process's stderr still gets them):

* a batch the server refused (4xx other than 429) — at once, after one notice line with the reason;
* a batch still undelivered after ``max_retries`` retries — after one notice line;
* while Corral is **unreachable**: once a batch found no server after its retries, the handler
  writes every batch straight to stderr and tries the server again with one batch at a time,
  after ``backoff`` seconds, then twice as long after each failure, up to ``max_backoff``;
  the first batch that gets through ends the fallback;
* at exit (or :meth:`close`), lines still queued after ``shutdown_timeout`` seconds;
* records logged after :meth:`close`.

**Drops are never silent**: after a delivery, when records were dropped or written to stderr
since the last report, the handler sends Corral one WARN record (logger ``corral_logging``)
with ``dropped`` (per level), ``dropped_total`` and ``written_to_stderr`` counts.
:meth:`stats` gives the same counters to the application.

At exit the handler flushes for at most ``shutdown_timeout`` seconds (``atexit``), then stops;
:meth:`flush` waits until what was queued is sent or written to stderr.
"""

import atexit
import logging
import os
import queue
import sys
import threading
import time
import weakref

from .batch_queue import BatchQueue
from .formatter import JsonFormatter, corral_level
from .ingest_client import IngestClient

_STOP = (None, "")  # wakes the sender: a flush or close is waiting


class CorralHandler(logging.Handler):
    """Ships records to the Corral server at ``url`` (``http://host:port``) as ``service``.

    Thread-safe, as every logging handler; :meth:`emit` never blocks on the network or on a full queue.
    """

    def __init__(self, url, service=None, *, api_key=None, version=None, environment=None, host=None,
                 static_fields=None, level=logging.NOTSET, queue_size=10_000, batch_size=500,
                 max_batch_bytes=4 * 1024 * 1024, flush_interval=1.0, timeout=5.0, max_retries=3,
                 backoff=0.5, max_backoff=30.0, max_retry_after=60.0, shutdown_timeout=5.0,
                 compress=True, fallback_stream=None):
        """Options (all but ``url`` and ``service`` by keyword):

        * ``api_key`` — ``id:secret`` of a key with scope ``ingest``, for servers with ``auth.mode: keys``;
        * ``version``, ``environment``, ``host``, ``static_fields`` — fields of every record (:class:`JsonFormatter`);
        * ``queue_size`` — records held while the sender is busy; beyond it records are dropped (10,000:
          a few seconds of a busy service, about 10 MB at 1 KB a line);
        * ``batch_size``, ``max_batch_bytes``, ``flush_interval`` — when a batch is posted (500 lines,
          4 MiB before compression — far below the server's 32 MiB body limit — or 1 s after its first line);
        * ``timeout`` — seconds to wait for a connection or an answer;
        * ``max_retries``, ``backoff``, ``max_backoff``, ``max_retry_after`` — the retry policy (above);
        * ``shutdown_timeout`` — the longest :meth:`close` and the exit flush wait for the sender;
        * ``compress`` — gzip the body (on by default); ``fallback_stream`` — where the fallback writes
          (None: ``sys.stderr`` at the time of writing).
        """
        super().__init__(level)
        if queue_size < 1 or batch_size < 1:
            raise ValueError("queue_size (%r) and batch_size (%r) must be at least 1" % (queue_size, batch_size))
        self.setFormatter(JsonFormatter(service=service, version=version, environment=environment, host=host,
                                        static_fields=static_fields))
        self.url = url
        self._client = IngestClient(url, api_key=api_key, timeout=timeout, compress=compress)
        self._queue_size = queue_size
        self._batch_size = batch_size
        self._max_batch_bytes = max_batch_bytes
        self._flush_interval = flush_interval
        self._max_retries = max_retries
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._max_retry_after = max_retry_after
        self._shutdown_timeout = shutdown_timeout
        self._fallback_stream = fallback_stream
        self._dropped = {}
        self._counters = {"sent": 0, "rejected_by_server": 0, "written_to_stderr": 0, "batches": 0,
                          "retries": 0, "refused_batches": 0}
        self._reported = (0, 0)  # (dropped, written to stderr) told to Corral so far
        self._closed = False
        self._start()
        atexit.register(self._close_at_exit)
        if hasattr(os, "register_at_fork"):
            owner = weakref.ref(self)
            os.register_at_fork(after_in_child=lambda: owner() is not None and owner()._start())

    def _start(self):
        """A fresh queue and sender thread (at creation, and in a forked child where the thread did not survive)."""
        self._queue = BatchQueue(self._queue_size)
        self._closing = threading.Event()
        self._flushes = 0
        self._unreachable = False
        self._next_probe = 0.0
        self._probe_wait = self._backoff
        if self._closed:
            return
        self._thread = threading.Thread(target=self._run, name="corral-logging-sender", daemon=True)
        self._thread.start()

    # ---- the caller's side ------------------------------------------------------------

    def emit(self, record):
        if self._queue.nearly_full():
            self._count_drop(record.levelname)
            return
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        if self._closed:
            self._fall_back([(record.levelname, line)], None)
            return
        try:
            self._queue.put_nowait((record.levelname, line))
        except queue.Full:
            self._count_drop(record.levelname)

    def _count_drop(self, python_level):
        # emit runs under the handler's lock (logging.Handler.handle), so this needs no lock of its own
        level = corral_level(python_level)
        self._dropped[level] = self._dropped.get(level, 0) + 1

    def stats(self):
        """The counters so far: sent, rejected_by_server, written_to_stderr, batches, retries,
        refused_batches, dropped (per level), dropped_total and queued (waiting now)."""
        stats = dict(self._counters)
        stats["dropped"] = dict(self._dropped)
        stats["dropped_total"] = sum(stats["dropped"].values())
        stats["queued"] = self._queue.qsize()
        return stats

    def flush(self, timeout=None):
        """Waits until every record queued so far is sent or written to stderr, for at most
        ``timeout`` seconds (default ``shutdown_timeout``); returns whether it got there."""
        timeout = self._shutdown_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        self._flushes += 1
        self._wake()
        try:
            with self._queue.all_tasks_done:
                while self._queue.unfinished_tasks:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._thread.is_alive():
                        return False
                    self._queue.all_tasks_done.wait(min(remaining, 0.1))
            return True
        finally:
            self._flushes -= 1

    def close(self, timeout=None):
        """Sends what is queued (for at most ``timeout`` seconds, default ``shutdown_timeout``) and
        stops the sender; lines it could not send by then are written to stderr. Idempotent."""
        with self.lock:
            if self._closed:
                return
            self._closed = True
        timeout = self._shutdown_timeout if timeout is None else timeout
        self._closing.set()
        self._wake()
        self._thread.join(timeout)
        leftover = self._drain()
        if leftover:
            self._fall_back(leftover, "%d records were not sent within shutdown_timeout (%.1f s)"
                            % (len(leftover), timeout))
        if not self._thread.is_alive():
            self._client.close()
        atexit.unregister(self._close_at_exit)
        super().close()

    def _close_at_exit(self):
        self.close()

    def _wake(self):
        try:
            self._queue.put_nowait(_STOP)
        except queue.Full:
            pass  # a full queue wakes the sender anyway

    def _drain(self):
        leftover = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return leftover
            if item is not _STOP:
                leftover.append(item)
            self._queue.task_done()

    # ---- the sender thread --------------------------------------------------------------

    def _run(self):
        while True:
            batch, taken = self._next_batch()
            if batch:
                self._deliver(batch)
            self._queue.tasks_done(taken)
            if self._closing.is_set() and not taken and self._queue.empty():
                return

    def _next_batch(self):
        """Up to batch_size lines: waits for the first, then up to flush_interval for more
        (not at all while a flush or close waits). Returns (lines, queue items taken)."""
        batch, size, taken, deadline = [], 0, 0, None
        while len(batch) < self._batch_size and size < self._max_batch_bytes:
            hurry = self._closing.is_set() or self._flushes > 0
            if hurry:
                wait = 0
            elif deadline is None:
                wait = self._flush_interval
            else:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    break
            items = self._queue.get_batch(self._batch_size - len(batch), self._max_batch_bytes - size, wait)
            if not items:
                if batch or hurry:
                    break
                continue
            taken += len(items)
            for item in items:
                if item is not _STOP:
                    batch.append(item)
                    size += len(item[1])
            if deadline is None and batch:
                deadline = time.monotonic() + self._flush_interval
        return batch, taken

    def _deliver(self, batch):
        if self._unreachable and (self._closing.is_set() or time.monotonic() < self._next_probe):
            self._fall_back(batch, None)
            return
        lines = [line.encode("utf-8", "replace") for _, line in batch]
        retries = 0 if self._unreachable else self._max_retries
        attempt = 0
        while True:
            outcome = self._client.post(lines)
            self._counters["batches"] += 1
            if outcome.kind != "unreachable":
                self._unreachable = False  # it answered, even if only "later"
            if outcome.kind == "delivered":
                self._delivered(outcome)
                return
            if outcome.kind == "refused":
                self._counters["refused_batches"] += 1
                self._fall_back(batch, "Corral at %s refused a batch of %d records (%s); they follow on stderr"
                                % (self.url, len(batch), outcome.reason))
                return
            if attempt >= retries or self._closing.is_set():
                self._give_up(batch, outcome, attempt)
                return
            wait = self._backoff * (2 ** attempt)
            if outcome.retry_after is not None:
                wait = outcome.retry_after
            attempt += 1
            self._counters["retries"] += 1
            self._closing.wait(min(wait, self._max_retry_after if outcome.retry_after is not None
                                   else self._max_backoff))

    def _give_up(self, batch, outcome, retries):
        if outcome.kind != "unreachable":
            self._fall_back(batch, "Corral at %s did not take a batch of %d records after %d retries (%s); "
                            "they follow on stderr" % (self.url, len(batch), retries, outcome.reason))
            return
        notice = None
        if not self._unreachable:
            self._unreachable = True
            self._probe_wait = self._backoff
            notice = ("Corral at %s is unreachable (%s); writing records to stderr until it answers"
                      % (self.url, outcome.reason))
        else:
            self._probe_wait = min(self._probe_wait * 2, self._max_backoff)
        self._next_probe = time.monotonic() + self._probe_wait
        self._fall_back(batch, notice)

    def _delivered(self, outcome):
        self._counters["sent"] += outcome.accepted
        self._counters["rejected_by_server"] += outcome.rejected
        dropped = dict(self._dropped)
        counts = (sum(dropped.values()), self._counters["written_to_stderr"])
        if counts == self._reported:
            return
        report = self._record(logging.WARNING, "corral_logging dropped %d records and wrote %d to stderr since its "
                              "last report (queue full or Corral unreachable)" % (counts[0] - self._reported[0],
                                                                                 counts[1] - self._reported[1]),
                              dropped=dropped, dropped_total=counts[0], written_to_stderr=counts[1])
        if self._client.post([report.encode("utf-8", "replace")]).kind == "delivered":
            self._reported = counts

    def _record(self, level, message, **fields):
        """A record of the handler's own, formatted like the application's."""
        record = logging.LogRecord("corral_logging", level, __file__, 0, message, (), None, func="CorralHandler")
        record.__dict__.update(fields)
        return self.format(record)

    def _fall_back(self, batch, notice):
        """Writes ``batch`` (and first ``notice``, as a WARN record) to the fallback stream."""
        stream = self._fallback_stream or sys.stderr
        lines = [line for _, line in batch]
        if notice is not None:
            lines.insert(0, self._record(logging.WARNING, notice))
        try:
            stream.write("\n".join(lines) + "\n")
            stream.flush()
        except (OSError, ValueError, AttributeError):  # stderr closed or gone: count the records as dropped
            with self.lock:
                for level, _ in batch:
                    self._count_drop(level)
            return
        self._counters["written_to_stderr"] += len(batch)
