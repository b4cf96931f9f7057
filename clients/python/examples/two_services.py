"""Two WSGI services that log to Corral and share one request's ids.

``frontend`` answers ``GET /checkout``: it logs, calls ``inventory`` (``GET /reserve``) with the
ids added by ``inject_headers``, logs again and answers with the trace id in ``X-Trace-ID``.
``inventory`` logs its part. Both log through their own ``CorralHandler``; one request's events
of both services carry the same ``trace_id`` and ``request_id``, so ``./corral trace <id>``
shows them as one timeline.

Run it against a Corral server (standard library only)::

    python3 examples/two_services.py --url http://127.0.0.1:8080
    ./corral trace <the trace id it prints>
"""

import argparse
import json
import logging
import threading
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

from corral_logging import CorralHandler
from corral_logging.propagation import inject_headers
from corral_logging.wsgi import CorralMiddleware


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # wsgiref's access lines go to stderr; the services log their own
        pass


def inventory_app(log):
    """The downstream service: reserves an item."""

    def app(environ, start_response):
        log.info("reserving item", extra={"context": {"sku": "sku-42", "quantity": 1}})
        body = json.dumps({"reserved": True}).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return CorralMiddleware(app)


def frontend_app(log, inventory_url):
    """The service the user calls: checks out by asking inventory to reserve the item."""

    def app(environ, start_response):
        log.info("checkout started", extra={"user_id": "u-1842"})
        request = inject_headers(urllib.request.Request(inventory_url + "/reserve"))
        with urllib.request.urlopen(request, timeout=10) as answer:
            reserved = json.load(answer)
        log.info("checkout finished", extra={"context": {"reserved": reserved["reserved"]}})
        body = json.dumps({"ok": True}).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return CorralMiddleware(app)


class Service:
    """One WSGI app on a wsgiref server on 127.0.0.1 (port 0: any free one), logging to Corral as ``name``."""

    def __init__(self, name, corral_url, make_app, api_key=None):
        self.log = logging.getLogger("shop." + name)
        self.log.setLevel(logging.INFO)
        self.log.propagate = False
        self.handler = CorralHandler(corral_url, service=name, api_key=api_key, version="1.0.0",
                                     environment="example", flush_interval=0.2)
        self.log.addHandler(self.handler)
        self.server = make_server("127.0.0.1", 0, make_app(self.log), handler_class=_QuietHandler)
        self.url = "http://127.0.0.1:%d" % self.server.server_port
        self._thread = threading.Thread(target=self.server.serve_forever, name=name, daemon=True)
        self._thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.log.removeHandler(self.handler)
        self.handler.close()


def start_services(corral_url, api_key=None):
    """Starts inventory, then frontend pointing at it; returns (frontend, inventory)."""
    inventory = Service("inventory", corral_url, inventory_app, api_key)
    frontend = Service("frontend", corral_url, lambda log: frontend_app(log, inventory.url), api_key)
    return frontend, inventory


def checkout(frontend):
    """One request to frontend; returns its response headers (X-Trace-ID, X-Request-ID)."""
    with urllib.request.urlopen(frontend.url + "/checkout", timeout=30) as answer:
        answer.read()
        return dict(answer.headers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="the Corral server")
    parser.add_argument("--api-key", default=None, help="id:secret of an ingest key (auth.mode: keys)")
    arguments = parser.parse_args()
    frontend, inventory = start_services(arguments.url, arguments.api_key)
    try:
        headers = checkout(frontend)
    finally:
        frontend.close()
        inventory.close()
    print("trace id   %s" % headers["X-Trace-ID"])
    print("request id %s" % headers["X-Request-ID"])
    print("see it:    ./corral trace %s" % headers["X-Trace-ID"])


if __name__ == "__main__":
    main()
