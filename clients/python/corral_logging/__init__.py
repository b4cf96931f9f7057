"""Python logging for Corral: a JSON formatter, a handler that never blocks, and request ids across services.

* :class:`JsonFormatter` — one record as one JSON line of the unified schema.
* :class:`CorralHandler` — ships records to Corral's ingest API from a background thread.
* :mod:`corral_logging.context` — trace, span, request and user ids in ``contextvars``.
* :class:`ContextFilter` — puts those ids on records for other handlers and format strings.
* :mod:`corral_logging.wsgi`, :mod:`corral_logging.asgi` — middlewares that read or create the
  ids of each request and echo them in the response.
* :func:`corral_logging.propagation.inject_headers` — the ids on outgoing calls.

Standard library only. Documentation: docs/clients.md in the Corral repository.
"""

from .formatter import JsonFormatter
from .handler import CorralHandler
from .ids_filter import ContextFilter
from .propagation import inject_headers

__all__ = ["JsonFormatter", "CorralHandler", "ContextFilter", "inject_headers"]
__version__ = "0.1.0"
