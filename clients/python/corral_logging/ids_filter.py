"""``ContextFilter``: copies the correlation ids of the current context onto each record."""

import logging

from . import context


class ContextFilter(logging.Filter):
    """Sets ``trace_id``, ``span_id``, ``request_id`` and ``user_id`` on every record from
    :mod:`corral_logging.context`, where the record does not carry its own.

    :class:`~corral_logging.JsonFormatter` reads the context by itself when it formats on the
    logging thread (as :class:`~corral_logging.CorralHandler` does). Add this filter to a handler
    that formats later, on another thread (behind a ``QueueHandler``), or to use the ids in a
    plain format string: ``%(trace_id)s``. It never rejects a record.
    """

    def filter(self, record):
        for name in context.ID_NAMES:
            if getattr(record, name, None) is None:
                setattr(record, name, getattr(context, "get_" + name)())
        return True
