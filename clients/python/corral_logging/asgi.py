"""``CorralMiddleware`` for ASGI applications (FastAPI, Starlette, Django's ASGI, Quart).

For each HTTP or WebSocket connection it reads or creates the ids
(:func:`corral_logging.propagation.incoming_ids`: ``traceparent``, ``X-Trace-ID``,
``X-Request-ID``), sets them in :mod:`corral_logging.context` for the application's task,
adds ``X-Trace-ID`` and ``X-Request-ID`` to the response start (unless the application set
them), and restores the previous ids afterwards. Lifespan and other scopes pass through::

    app.add_middleware(CorralMiddleware)                            # FastAPI / Starlette
    application = CorralMiddleware(get_asgi_application())          # Django asgi.py
"""

from . import context, propagation


class CorralMiddleware:
    """Wraps an ASGI application; safe to share between tasks (it keeps no per-request state)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {}
        for name, value in scope.get("headers") or ():
            headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        ids = propagation.incoming_ids(headers.get)
        echoed = [(name.lower().encode("latin-1"), value.encode("latin-1"))
                  for name, value in propagation.response_headers(ids)]

        async def send_with_ids(message):
            if message.get("type") == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers") or ()}
                message = dict(message)
                message["headers"] = list(message.get("headers") or ()) + [
                    (name, value) for name, value in echoed if name not in present]
            await send(message)

        binding = context.bind(**ids)
        try:
            await self.app(scope, receive, send_with_ids)
        finally:
            binding.reset()
