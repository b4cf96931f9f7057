"""``CorralMiddleware`` for WSGI applications (Flask, Django, Falcon, Bottle, plain WSGI).

For each request it reads or creates the ids (:func:`corral_logging.propagation.incoming_ids`:
``traceparent``, ``X-Trace-ID``, ``X-Request-ID``), sets them in :mod:`corral_logging.context`
while the application runs and while the server reads the response body, puts them in the
WSGI environ (``corral.trace_id``, ``corral.span_id``, ``corral.request_id``), adds
``X-Trace-ID`` and ``X-Request-ID`` to the response (unless the application set them), and
restores the previous ids when the response is closed::

    app.wsgi_app = CorralMiddleware(app.wsgi_app)                   # Flask
    application = CorralMiddleware(get_wsgi_application())          # Django wsgi.py
"""

from . import context, propagation


class CorralMiddleware:
    """Wraps a WSGI application; safe to share between threads (it keeps no per-request state)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        ids = propagation.incoming_ids(lambda name: environ.get("HTTP_" + name.upper().replace("-", "_")))
        for name, value in ids.items():
            environ["corral." + name] = value
        echoed = propagation.response_headers(ids)

        def start_with_ids(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(name, value) for name, value in echoed if name.lower() not in present]
            return start_response(status, headers, exc_info)

        binding = context.bind(**ids)
        try:
            body = self.app(environ, start_with_ids)
        except BaseException:
            binding.reset()
            raise
        return _BodyWithIds(body, binding)


class _BodyWithIds:
    """The application's response body; closing it (as every WSGI server must) restores the ids."""

    def __init__(self, body, binding):
        self._body = body
        self._binding = binding

    def __iter__(self):
        return iter(self._body)

    def close(self):
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            try:
                self._binding.reset()
            except ValueError:
                pass  # closed in another context than the call (a server that hands bodies to other threads)
