"""Ids across services: contextvars, W3C traceparent, X-Trace-ID / X-Request-ID, the WSGI and ASGI middlewares."""

import asyncio
import contextvars
import re
import threading
import unittest
import urllib.request

from corral_logging import context, inject_headers
from corral_logging.asgi import CorralMiddleware as AsgiMiddleware
from corral_logging.propagation import incoming_ids, parse_traceparent
from corral_logging.wsgi import CorralMiddleware as WsgiMiddleware

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"
VALID = "00-%s-%s-01" % (TRACE, PARENT)


def headers_of(**given):
    lowered = {name.replace("_", "-").lower(): value for name, value in given.items()}
    return lowered.get


class ContextTest(unittest.TestCase):
    def test_new_ids_have_the_w3c_shapes(self):
        self.assertRegex(context.new_trace_id(), r"^[0-9a-f]{32}$")
        self.assertRegex(context.new_span_id(), r"^[0-9a-f]{16}$")
        self.assertRegex(context.new_request_id(), r"^[0-9a-f-]{36}$")
        self.assertNotEqual(context.new_trace_id(), context.new_trace_id())

    def test_scope_sets_and_restores_including_nested_scopes(self):
        self.assertEqual(context.current(), {})
        with context.scope(trace_id="outer", request_id="r") as ids:
            self.assertEqual(ids, {"trace_id": "outer", "request_id": "r"})
            with context.scope(trace_id="inner"):
                self.assertEqual(context.current(), {"trace_id": "inner", "request_id": "r"})
            self.assertEqual(context.get_trace_id(), "outer")
        self.assertEqual(context.current(), {})

    def test_ids_do_not_leak_between_threads_or_copied_contexts(self):
        seen = []
        with context.scope(trace_id="main"):
            worker = threading.Thread(target=lambda: seen.append(context.get_trace_id()))
            worker.start()
            worker.join()
            copy = contextvars.copy_context()
        copy.run(context.set_trace_id, "changed in the copy")
        self.assertEqual(seen, [None], "a new thread starts with an empty context")
        self.assertIsNone(context.get_trace_id())
        self.assertEqual(copy[context._trace_id], "changed in the copy")


class TraceparentTest(unittest.TestCase):
    def test_a_valid_header_is_read(self):
        parsed = parse_traceparent(VALID)
        self.assertEqual((parsed.version, parsed.trace_id, parsed.parent_id, parsed.flags), ("00", TRACE, PARENT, "01"))
        self.assertEqual(parse_traceparent("01-%s-%s-01-more" % (TRACE, PARENT)).trace_id, TRACE,
                         "a later version may append fields")

    def test_malformed_or_all_zero_headers_are_ignored(self):
        for bad in ["", "garbage", "00-%s-%s-01" % ("0" * 32, PARENT), "00-%s-%s-01" % (TRACE, "0" * 16),
                    "ff-%s-%s-01" % (TRACE, PARENT), "00-%s-%s-01" % (TRACE.upper(), PARENT),
                    "00-%s-%s-01-extra" % (TRACE, PARENT), "00-%s-%s-1" % (TRACE, PARENT),
                    "00-%s-%s-01" % (TRACE[:-1], PARENT), "00_%s_%s_01" % (TRACE, PARENT)]:
            self.assertIsNone(parse_traceparent(bad), bad)

    def test_incoming_precedence_traceparent_then_x_trace_id_then_new(self):
        self.assertEqual(incoming_ids(headers_of(traceparent=VALID, x_trace_id="other"))["trace_id"], TRACE)
        self.assertEqual(incoming_ids(headers_of(traceparent="00-%s-%s-01" % ("0" * 32, PARENT),
                                                 x_trace_id="abc-123"))["trace_id"], "abc-123")
        fresh = incoming_ids(headers_of(traceparent="broken"))
        self.assertRegex(fresh["trace_id"], r"^[0-9a-f]{32}$")
        self.assertNotEqual(fresh["trace_id"], TRACE)

    def test_request_id_is_kept_when_plain_and_replaced_when_not(self):
        self.assertEqual(incoming_ids(headers_of(x_request_id="req-7f3a9c"))["request_id"], "req-7f3a9c")
        for bad in ["has space", "x" * 129, "quote\"", "<script>"]:
            replaced = incoming_ids(headers_of(x_request_id=bad))["request_id"]
            self.assertRegex(replaced, r"^[0-9a-f-]{36}$", bad)
        self.assertRegex(incoming_ids(headers_of(x_trace_id="bad id"))["trace_id"], r"^[0-9a-f]{32}$")

    def test_each_request_gets_its_own_span_id(self):
        first, second = incoming_ids(headers_of(traceparent=VALID)), incoming_ids(headers_of(traceparent=VALID))
        self.assertNotEqual(first["span_id"], second["span_id"])
        self.assertNotEqual(first["span_id"], PARENT)


class InjectHeadersTest(unittest.TestCase):
    def test_outgoing_calls_carry_the_trace_with_a_new_child_span(self):
        with context.scope(trace_id=TRACE, span_id=PARENT, request_id="req-1"):
            first = inject_headers({"Accept": "application/json"})
            second = inject_headers()
        self.assertEqual(first["Accept"], "application/json")
        self.assertEqual((first["X-Trace-ID"], first["X-Request-ID"]), (TRACE, "req-1"))
        parsed = parse_traceparent(first["traceparent"])
        self.assertEqual((parsed.trace_id, parsed.flags), (TRACE, "01"))
        self.assertNotEqual(parsed.parent_id, PARENT)
        self.assertNotEqual(parsed.parent_id, parse_traceparent(second["traceparent"]).parent_id)

    def test_a_header_the_caller_set_is_kept(self):
        with context.scope(trace_id=TRACE, request_id="req-1"):
            headers = inject_headers({"x-request-id": "mine"})
        self.assertEqual(headers["x-request-id"], "mine")
        self.assertNotIn("X-Request-ID", headers)

    def test_a_urllib_request_gets_the_headers(self):
        with context.scope(trace_id=TRACE, request_id="req-1"):
            request = inject_headers(urllib.request.Request("http://127.0.0.1:1/"))
        self.assertEqual(request.get_header("X-trace-id"), TRACE)
        self.assertEqual(request.get_header("X-request-id"), "req-1")
        self.assertEqual(parse_traceparent(request.get_header("Traceparent")).trace_id, TRACE)

    def test_a_non_w3c_trace_id_travels_in_x_trace_id_alone(self):
        with context.scope(trace_id="abc-123"):
            headers = inject_headers()
        self.assertEqual(headers, {"X-Trace-ID": "abc-123"})

    def test_outside_any_trace_the_call_starts_its_own(self):
        headers = inject_headers()
        self.assertEqual(parse_traceparent(headers["traceparent"]).trace_id, headers["X-Trace-ID"])
        self.assertNotIn("X-Request-ID", headers)
        self.assertIsNone(context.get_trace_id())


class WsgiMiddlewareTest(unittest.TestCase):
    def call(self, environ, app):
        started = {}

        def start_response(status, headers, exc_info=None):
            started["headers"] = dict(headers)

        body = WsgiMiddleware(app)(dict(environ), start_response)
        return started, body

    def test_ids_are_set_for_the_app_and_its_body_echoed_and_reset_after_close(self):
        seen = []

        def app(environ, start_response):
            seen.append(context.current())
            start_response("200 OK", [("Content-Type", "text/plain")])

            def body():
                seen.append(context.current())
                yield b"ok"
            return body()

        started, body = self.call({"HTTP_TRACEPARENT": VALID, "HTTP_X_REQUEST_ID": "req-9"}, app)
        self.assertEqual(b"".join(body), b"ok")
        self.assertEqual(context.get_trace_id(), TRACE, "still set while the server sends the body")
        body.close()
        self.assertEqual(context.current(), {})
        self.assertEqual([ids["trace_id"] for ids in seen], [TRACE, TRACE])
        self.assertEqual(seen[0]["request_id"], "req-9")
        self.assertEqual(started["headers"]["X-Trace-ID"], TRACE)
        self.assertEqual(started["headers"]["X-Request-ID"], "req-9")

    def test_a_malformed_traceparent_starts_a_new_trace_and_the_app_may_set_its_own_header(self):
        def app(environ, start_response):
            start_response("200 OK", [("x-request-id", "app-chosen")])
            return [environ["corral.trace_id"].encode()]

        started, body = self.call({"HTTP_TRACEPARENT": "00-%s-%s-01" % ("0" * 32, PARENT)}, app)
        trace_id = b"".join(body).decode()
        body.close()
        self.assertRegex(trace_id, r"^[0-9a-f]{32}$")
        self.assertEqual(started["headers"]["X-Trace-ID"], trace_id)
        self.assertEqual(started["headers"]["x-request-id"], "app-chosen")
        self.assertNotIn("X-Request-ID", started["headers"])

    def test_ids_are_reset_when_the_app_raises(self):
        def app(environ, start_response):
            raise RuntimeError("boom")

        with self.assertRaises(RuntimeError):
            self.call({}, app)
        self.assertEqual(context.current(), {})


class AsgiMiddlewareTest(unittest.TestCase):
    def test_ids_are_set_for_the_app_echoed_and_reset(self):
        seen, sent = [], []

        async def app(scope, receive, send):
            seen.append(context.current())
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"ok"})

        async def receive():
            return {"type": "http.request", "body": b""}

        async def send(message):
            sent.append(message)

        async def run():
            scope = {"type": "http", "headers": [(b"traceparent", VALID.encode()), (b"x-request-id", b"req-5")]}
            await AsgiMiddleware(app)(scope, receive, send)
            return context.current()

        after = asyncio.run(run())
        self.assertEqual(after, {})
        self.assertEqual((seen[0]["trace_id"], seen[0]["request_id"]), (TRACE, "req-5"))
        self.assertRegex(seen[0]["span_id"], r"^[0-9a-f]{16}$")
        headers = dict(sent[0]["headers"])
        self.assertEqual(headers[b"x-trace-id"], TRACE.encode())
        self.assertEqual(headers[b"x-request-id"], b"req-5")
        self.assertEqual(sent[1]["body"], b"ok")

    def test_concurrent_requests_keep_their_own_ids(self):
        seen = {}

        async def app(scope, receive, send):
            before = context.get_trace_id()
            await asyncio.sleep(0)  # let the other request run in between
            seen[scope["path"]] = (before, context.get_trace_id())

        async def nothing(*args):
            return None

        async def run():
            middleware = AsgiMiddleware(app)
            await asyncio.gather(*[middleware({"type": "http", "path": str(n), "headers": [
                (b"x-trace-id", ("trace-%d" % n).encode())]}, nothing, nothing) for n in range(5)])

        asyncio.run(run())
        self.assertEqual(seen, {str(n): ("trace-%d" % n, "trace-%d" % n) for n in range(5)})

    def test_lifespan_passes_through_untouched(self):
        calls = []

        async def app(scope, receive, send):
            calls.append((scope["type"], context.current()))

        asyncio.run(AsgiMiddleware(app)({"type": "lifespan"}, None, None))
        self.assertEqual(calls, [("lifespan", {})])


if __name__ == "__main__":
    unittest.main()
