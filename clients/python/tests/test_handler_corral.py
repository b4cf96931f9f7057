"""CorralHandler against the real Corral server (CORRAL_URL): delivery found through the search API,
with and without gzip, flush at exit, and a server that is down (stderr fallback, counted drops, no blocking)."""

import json
import logging
import os
import subprocess
import sys
import unittest
import uuid

from corral_logging import CorralHandler, context
from tests.corral_server import await_total, corral_url, free_port, search

LOG_MANY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log_many.py")
#: Records logged against a server that is down: the issue's 100k, or CORRAL_PY_DOWN_RECORDS.
DOWN_RECORDS = int(os.environ.get("CORRAL_PY_DOWN_RECORDS", "100000"))


def run_id():
    return "py-" + uuid.uuid4().hex[:12]


class HandlerAgainstCorralTest(unittest.TestCase):
    def setUp(self):
        self.url = corral_url()

    def logger(self, handler):
        log = logging.getLogger("test.corral." + uuid.uuid4().hex[:6])
        log.addHandler(handler)
        log.propagate = False
        log.setLevel(logging.DEBUG)
        self.addCleanup(handler.close)
        return log

    def test_records_arrive_in_the_canonical_fields(self):
        run = run_id()
        handler = CorralHandler(self.url, service="py-checkout", version="2.4.1", environment="test",
                                flush_interval=0.1)
        log = self.logger(handler)
        with context.scope(trace_id=context.new_trace_id(), request_id="req-" + run, user_id="u-1842"):
            trace_id = context.get_trace_id()
            for n in range(20):
                log.info("order %d placed für Jörg ✓", n, extra={"run_id": run, "context": {"amount": 10 + n},
                                                                 "performance": {"duration_ms": n}})
            try:
                raise ValueError("quantity 'three' is not a number")
            except ValueError:
                log.exception("order rejected", extra={"run_id": run})
        self.assertTrue(handler.flush(timeout=60))
        found = await_total("run_id:%s" % run, 21)
        error = await_total("run_id:%s AND level:ERROR" % run, 1)["events"][0]
        self.assertEqual((error["service"], error["version"], error["environment"]), ("py-checkout", "2.4.1", "test"))
        self.assertEqual((error["trace_id"], error["request_id"], error["user_id"]), (trace_id, "req-" + run, "u-1842"))
        self.assertEqual((error["exception.type"], error["exception.message"]),
                         ("ValueError", "quantity 'three' is not a number"))
        self.assertIn("raise ValueError", error["exception.stacktrace"])
        self.assertEqual((error["logger"], error["function"]), (log.name, "test_records_arrive_in_the_canonical_fields"))
        info = [event for event in found["events"] if event["message"] == "order 7 placed für Jörg ✓"][0]
        self.assertEqual((info["level"], info["context.amount"], info["performance.duration_ms"]), ("INFO", 17, 7))
        await_total('run_id:%s AND "Jörg"' % run, 20)
        self.assertEqual(handler.stats()["sent"], 21)

    def test_records_arrive_without_gzip_too(self):
        run = run_id()
        handler = CorralHandler(self.url, service="py-plain", compress=False, flush_interval=0.1)
        log = self.logger(handler)
        for n in range(5):
            log.warning("plain %d", n, extra={"run_id": run})
        self.assertTrue(handler.flush(timeout=60))
        self.assertEqual(await_total("run_id:%s AND level:WARN" % run, 5)["events"][0]["service"], "py-plain")

    def test_records_are_flushed_at_exit_without_close(self):
        run = run_id()
        subprocess.run([sys.executable, LOG_MANY, self.url, "300", run, "--exit-without-close"], check=True,
                       capture_output=True, timeout=300)
        await_total("run_id:%s" % run, 300)

    def test_with_the_server_down_nothing_blocks_records_go_to_stderr_and_drops_are_counted(self):
        run = run_id()
        finished = subprocess.run([sys.executable, LOG_MANY, "http://127.0.0.1:%d" % free_port(), str(DOWN_RECORDS),
                                   run], capture_output=True, timeout=600)
        self.assertEqual(finished.returncode, 0, finished.stderr[-2000:])
        summary = json.loads(finished.stdout.decode().strip().splitlines()[-1])
        stats = summary["stats"]
        lines = [json.loads(line) for line in finished.stderr.decode().splitlines()]
        records = [line for line in lines if line.get("run_id") == run]
        notices = [line for line in lines if line["logger"] == "corral_logging"]
        self.assertEqual(len(records), stats["written_to_stderr"])
        self.assertEqual(stats["written_to_stderr"] + stats["dropped_total"], DOWN_RECORDS,
                         "every record is on stderr or counted as dropped: %s" % stats)
        self.assertEqual(stats["sent"], 0)
        self.assertEqual(set(stats["dropped"]) - {"DEBUG", "INFO", "WARN", "ERROR"}, set())
        self.assertIn("is unreachable (ConnectionRefusedError", notices[0]["message"])
        self.assertEqual(len([n for n in notices if "unreachable" in n["message"]]), 1, "one notice, not one per batch")
        self.assertEqual(sorted(record["n"] for record in records), sorted(set(record["n"] for record in records)),
                         "no record twice")
        print("\n[server down] %d records: caller %.2f us/record, %d to stderr, %d dropped %s"
              % (DOWN_RECORDS, summary["caller_seconds"] * 1e6 / DOWN_RECORDS, stats["written_to_stderr"],
                 stats["dropped_total"], stats["dropped"]), file=sys.stderr)
        self.assertEqual(search("run_id:%s" % run, 0)["total"], 0)


if __name__ == "__main__":
    unittest.main()
