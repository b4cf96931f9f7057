"""``JsonFormatter``: one log record as one line of JSON in the unified microservice schema.

The schema (the names Corral stores without renaming; see docs/ingest.md, "The canonical event")::

    {"timestamp": "2026-11-21T17:00:00.123Z", "level": "ERROR", "service": "checkout",
     "version": "2.4.1", "environment": "prod", "host": "web-7", "logger": "shop.pay",
     "thread": "MainThread", "trace_id": "4bf9…", "span_id": "00f0…", "request_id": "…",
     "user_id": "u-1842", "message": "card declined", "module": "pay", "function": "charge",
     "line": 88, "exception": {"type": "CardError", "message": "…", "traceback": "Traceback …"},
     "context": {…}, "performance": {…}, "order_id": 1842}

Rules:

1. ``timestamp`` is RFC 3339 in UTC with milliseconds and ``Z``; ``level`` is Corral's name
   for the Python level (WARNING → WARN, CRITICAL → FATAL, others as Python names them).
2. ``service``, ``version``, ``environment`` and ``host`` come from the formatter's arguments
   (``host`` defaults to this machine's name); fields left None are left out.
3. The ids come from the record when it has them (``extra={"trace_id": …}`` or an earlier
   :class:`~corral_logging.ContextFilter`), else from :mod:`corral_logging.context`.
4. ``context`` and ``performance`` given in ``extra=`` stay nested objects (Corral flattens them
   to ``context.x``, ``performance.x``); every other extra becomes a field of its own. An extra
   named like a field of rule 1 (``timestamp``, ``level``, ``logger``, ``exception``) goes into
   ``context`` instead, so it can never overwrite the record's own.
5. A value JSON cannot hold (an object, a set, NaN, a dict with non-text keys, a cycle) is
   written as its ``repr()``; formatting never raises for the values a record carries.
"""

import json
import logging
import math
import socket
import time

from . import context

#: Python level names that Corral spells differently.
_LEVELS = {"WARNING": "WARN", "CRITICAL": "FATAL"}

#: Attributes every LogRecord has; anything else on a record came from ``extra=``.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

#: Fields of rule 1 that an extra may not overwrite.
_OWN_FIELDS = frozenset({"timestamp", "level", "logger", "exception", "message"})

#: Nested dicts kept as objects (rule 4).
_NESTED = ("context", "performance")

#: How deep the repr fallback walks a value before it writes the rest as one repr: deeper is not a log field.
_MAX_DEPTH = 20


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line of the unified schema (see the module description).

    Thread-safe: it keeps no state between records.
    """

    def __init__(self, service=None, version=None, environment=None, host=None, static_fields=None):
        """``static_fields``: more fields added to every record (a dict), after the identity fields."""
        super().__init__()
        identity = {
            "service": service,
            "version": version,
            "environment": environment,
            "host": host if host is not None else socket.gethostname(),
        }
        self._identity = {name: value for name, value in identity.items() if value is not None}
        self._identity.update(static_fields or {})

    def format(self, record):
        return to_json_line(self.to_dict(record))

    def to_dict(self, record):
        """The record as the dict that :meth:`format` writes as JSON."""
        document = {
            "timestamp": _timestamp(record.created),
            "level": corral_level(record.levelname),
        }
        document.update(self._identity)
        document["logger"] = record.name
        document["thread"] = record.threadName
        for name in context.ID_NAMES:
            value = getattr(record, name, None)
            if value is None:
                value = getattr(context, "get_" + name)()
            if value is not None:
                document[name] = value
        document["message"] = record.getMessage()
        document["module"] = record.module
        document["function"] = record.funcName
        document["line"] = record.lineno
        if record.exc_info and record.exc_info[0] is not None:
            document["exception"] = self._exception(record)
        if record.stack_info:
            document["stack_info"] = self.formatStack(record.stack_info)
        self._add_extras(record, document)
        return document

    def _exception(self, record):
        kind, error, _ = record.exc_info
        if not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        return {"type": kind.__name__, "message": _safe_str(error), "traceback": record.exc_text}

    @staticmethod
    def _add_extras(record, document):
        moved = {}
        for name, value in vars(record).items():
            if name in _RECORD_ATTRIBUTES or name in context.ID_NAMES or name.startswith("_"):
                continue
            if name in _OWN_FIELDS:
                moved[name] = value
            elif name in _NESTED and isinstance(value, dict):
                document[name] = dict(value)
            else:
                document[name] = value
        if moved:
            nested = document.get("context")
            document["context"] = dict(nested) if isinstance(nested, dict) else ({} if nested is None else {"value": nested})
            document["context"].update(moved)


def corral_level(python_level_name):
    """Corral's name for a Python level name: WARNING → WARN, CRITICAL → FATAL, the others unchanged."""
    return _LEVELS.get(python_level_name, python_level_name)


def to_json_line(document):
    """``document`` as compact JSON (UTF-8 text, no newline); non-JSON values as their repr (rule 5)."""
    try:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_safe_repr)
    except (TypeError, ValueError, RecursionError):
        return json.dumps(_jsonable(document, 0, set()), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _timestamp(created):
    seconds = int(created)
    millis = int((created - seconds) * 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % millis


def _safe_repr(value):
    try:
        return repr(value)
    except Exception as error:  # a broken __repr__ must not lose the record
        return "<%s: repr failed: %s>" % (type(value).__name__, type(error).__name__)


def _safe_str(value):
    try:
        return str(value)
    except Exception:
        return _safe_repr(value)


def _jsonable(value, depth, seen):
    """A copy of ``value`` made only of what JSON holds; the rest, cycles and deep parts as repr."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if depth >= _MAX_DEPTH or id(value) in seen:
        return _safe_repr(value)
    if isinstance(value, dict):
        seen.add(id(value))
        copy = {(key if isinstance(key, str) else _safe_repr(key)): _jsonable(item, depth + 1, seen)
                for key, item in value.items()}
        seen.discard(id(value))
        return copy
    if isinstance(value, (list, tuple)):
        seen.add(id(value))
        copy = [_jsonable(item, depth + 1, seen) for item in value]
        seen.discard(id(value))
        return copy
    return _safe_repr(value)
