"""The correlation ids of the work in progress, kept in ``contextvars``.

Each id (trace, span, request, user) lives in its own ``ContextVar``, so it follows the code
that runs for one request: threads started per request, ``asyncio`` tasks (which copy the
context when they are created) and ``contextvars.copy_context().run``. Nothing here is
shared between requests, and nothing needs a lock.

The middlewares (:mod:`corral_logging.wsgi`, :mod:`corral_logging.asgi`) set the ids for each
request and reset them afterwards; :func:`scope` does the same for any other unit of work
(a queue consumer, a cron job)::

    with context.scope(trace_id=context.new_trace_id(), request_id=job.id):
        log.info("job started")        # carries trace_id and request_id
"""

import contextlib
import contextvars
import secrets
import uuid

_trace_id = contextvars.ContextVar("corral_trace_id", default=None)
_span_id = contextvars.ContextVar("corral_span_id", default=None)
_request_id = contextvars.ContextVar("corral_request_id", default=None)
_user_id = contextvars.ContextVar("corral_user_id", default=None)

_VARIABLES = {
    "trace_id": _trace_id,
    "span_id": _span_id,
    "request_id": _request_id,
    "user_id": _user_id,
}

#: The names of the ids, in the order they appear in a log record.
ID_NAMES = tuple(_VARIABLES)


def new_trace_id():
    """A new W3C trace id: 32 lowercase hex digits, never all zero."""
    while True:
        value = secrets.token_hex(16)
        if value != "0" * 32:
            return value


def new_span_id():
    """A new W3C span (parent) id: 16 lowercase hex digits, never all zero."""
    while True:
        value = secrets.token_hex(8)
        if value != "0" * 16:
            return value


def new_request_id():
    """A new request id: a random UUID in its canonical text form."""
    return str(uuid.uuid4())


def get_trace_id():
    """The current trace id, or None."""
    return _trace_id.get()


def get_span_id():
    """The current span id, or None."""
    return _span_id.get()


def get_request_id():
    """The current request id, or None."""
    return _request_id.get()


def get_user_id():
    """The current user id, or None."""
    return _user_id.get()


def set_trace_id(value):
    """Sets the trace id for the current context; returns the token that resets it."""
    return _trace_id.set(value)


def set_span_id(value):
    """Sets the span id for the current context; returns the token that resets it."""
    return _span_id.set(value)


def set_request_id(value):
    """Sets the request id for the current context; returns the token that resets it."""
    return _request_id.set(value)


def set_user_id(value):
    """Sets the user id for the current context; returns the token that resets it."""
    return _user_id.set(value)


def current():
    """The ids set in the current context, as a dict holding only those that are not None."""
    ids = {}
    for name, variable in _VARIABLES.items():
        value = variable.get()
        if value is not None:
            ids[name] = value
    return ids


class Binding:
    """Ids set by :func:`bind`; :meth:`reset` puts back what was there before."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens):
        self._tokens = tokens

    def reset(self):
        """Restores the previous ids. Call it once, in the context that made the binding."""
        tokens, self._tokens = self._tokens, ()
        for token in reversed(tokens):
            token.var.reset(token)


def bind(trace_id=None, span_id=None, request_id=None, user_id=None):
    """Sets the given ids (those not None) in the current context; returns the :class:`Binding` that undoes it."""
    given = {"trace_id": trace_id, "span_id": span_id, "request_id": request_id, "user_id": user_id}
    return Binding([_VARIABLES[name].set(value) for name, value in given.items() if value is not None])


@contextlib.contextmanager
def scope(trace_id=None, span_id=None, request_id=None, user_id=None):
    """Sets the given ids (those not None) for the ``with`` block and restores the previous ones after it.

    Yields the ids in effect inside the block (:func:`current`).
    """
    binding = bind(trace_id=trace_id, span_id=span_id, request_id=request_id, user_id=user_id)
    try:
        yield current()
    finally:
        binding.reset()
