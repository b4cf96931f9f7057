"""The two-service WSGI example (examples/two_services.py) against the real Corral server: one request's
logs from both services share its trace id and request id and come back as one trace."""

import os
import sys
import time
import unittest

from tests.corral_server import SEARCH_WAIT_SECONDS, await_total, corral_url, trace

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))

import two_services  # noqa: E402


def instant(timestamp):
    """An RFC 3339 UTC timestamp as a sortable (date and time, nanoseconds), whatever its number of fraction digits."""
    whole, _, fraction = timestamp.rstrip("Z").partition(".")
    return whole, int((fraction + "000000000")[:9])


class TwoServicesTest(unittest.TestCase):
    def test_one_request_through_two_services_is_one_trace(self):
        frontend, inventory = two_services.start_services(corral_url())
        try:
            headers = two_services.checkout(frontend)
        finally:
            frontend.close()  # flushes its handler
            inventory.close()
        trace_id, request_id = headers["X-Trace-ID"], headers["X-Request-ID"]
        self.assertRegex(trace_id, r"^[0-9a-f]{32}$")

        events = await_total("trace_id:%s" % trace_id, 3)["events"]
        self.assertEqual(sorted((event["service"], event["message"]) for event in events), [
            ("frontend", "checkout finished"), ("frontend", "checkout started"), ("inventory", "reserving item")])
        self.assertEqual({event["request_id"] for event in events}, {request_id}, "the request id crossed too")
        spans = {event["service"]: event["span_id"] for event in events}
        self.assertNotEqual(spans["frontend"], spans["inventory"], "each service has its own span")

        deadline = time.monotonic() + SEARCH_WAIT_SECONDS
        answer = trace(trace_id)
        while len(answer["services"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            answer = trace(trace_id)
        self.assertEqual(sorted(service["service"] for service in answer["services"]), ["frontend", "inventory"])
        at = {event["message"]: instant(event["timestamp"]) for event in answer["events"]}
        self.assertEqual(sorted(at), ["checkout finished", "checkout started", "reserving item"])
        # timestamps have milliseconds: two records of the same millisecond may come in either order, never reversed
        self.assertLessEqual(at["checkout started"], at["reserving item"])
        self.assertLessEqual(at["reserving item"], at["checkout finished"])
        self.assertEqual(len(trace(request_id)["events"]), 3, "the trace view finds the request id as well")

        target = os.environ.get("CORRAL_TRACE_ID_FILE")
        if target:  # the Maven test runs `corral trace` on it
            with open(target, "w") as out:
                out.write(trace_id)


if __name__ == "__main__":
    unittest.main()
