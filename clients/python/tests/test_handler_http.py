"""CorralHandler against a recording HTTP server: gzip, key header, Retry-After, no retry on 4xx,
drops counted and reported, the stderr fallback while the server is unreachable, close with a time limit."""

import io
import json
import logging
import logging.config
import os
import threading
import time
import unittest

from corral_logging import CorralHandler
from tests.corral_server import RecordingServer, free_port


def logger_with(handler, name):
    log = logging.getLogger("test.handler." + name)
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log


class HandlerHttpTest(unittest.TestCase):
    def setUp(self):
        self.servers = []
        self.handlers = []

    def tearDown(self):
        for handler in self.handlers:
            handler.close(timeout=0)
        for server in self.servers:
            server.close()

    def server(self, *args, **kwargs):
        server = RecordingServer(*args, **kwargs)
        self.servers.append(server)
        return server

    def handler(self, url, **options):
        options.setdefault("flush_interval", 0.05)
        options.setdefault("fallback_stream", io.StringIO())
        handler = CorralHandler(url, service="checkout", **options)
        self.handlers.append(handler)
        return handler

    def test_a_batch_is_gzipped_ndjson_with_the_api_key(self):
        server = self.server()
        handler = self.handler(server.url, api_key="key-id:s3cret")
        log = logger_with(handler, "gzip")
        for n in range(3):
            log.info("order %d", n)
        self.assertTrue(handler.flush(timeout=30))
        exchange = server.await_exchanges(1)[0]
        self.assertEqual(exchange.headers["Content-Encoding"], "gzip")
        self.assertEqual(exchange.headers["Content-Type"], "application/x-ndjson")
        self.assertEqual(exchange.headers["Authorization"], "Bearer key-id:s3cret")
        self.assertEqual([record["message"] for record in exchange.records()], ["order 0", "order 1", "order 2"])
        self.assertEqual(handler.stats()["sent"], 3)

    def test_429_is_retried_after_retry_after(self):
        server = self.server([(429, {"Retry-After": "1"}), (200, {})])
        handler = self.handler(server.url, backoff=0.01)
        logger_with(handler, "429").warning("slow down")
        self.assertTrue(handler.flush(timeout=30))
        first, second = server.await_exchanges(2)
        self.assertEqual(first.lines, second.lines, "the same batch again")
        self.assertGreaterEqual(second.received - first.received, 0.9,
                                "waited Retry-After (1 s), not the backoff (0.01 s)")
        self.assertEqual((handler.stats()["retries"], handler.stats()["sent"]), (1, 1))

    def test_retry_after_is_used_instead_of_the_backoff_on_503_and_507(self):
        server = self.server([(503, {"Retry-After": "0"}), (507, {"Retry-After": "0"}), (200, {})])
        handler = self.handler(server.url, backoff=1000, max_backoff=1000)
        logger_with(handler, "503").info("disk nearly full")
        self.assertTrue(handler.flush(timeout=60), "a backoff of 1000 s would still be waiting")
        self.assertEqual(len(server.await_exchanges(3)), 3)
        self.assertEqual(handler.stats()["sent"], 1)

    def test_other_server_errors_are_retried_with_backoff(self):
        server = self.server([(500, {}), (502, {}), (200, {})])
        handler = self.handler(server.url, backoff=0.01)
        logger_with(handler, "500").info("flaky proxy")
        self.assertTrue(handler.flush(timeout=30))
        self.assertEqual(len(server.await_exchanges(3)), 3)
        self.assertEqual(handler.stats()["retries"], 2)

    def test_a_4xx_is_not_retried_and_the_batch_goes_to_stderr_with_the_reason(self):
        server = self.server([(401, {})])
        stream = io.StringIO()
        handler = self.handler(server.url, fallback_stream=stream, backoff=0.01)
        log = logger_with(handler, "401")
        log.info("first")
        log.info("second")
        self.assertTrue(handler.flush(timeout=30))
        self.assertEqual(len(server.exchanges), 1, "not retried")
        notice, *lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        self.assertEqual((notice["level"], notice["logger"]), ("WARN", "corral_logging"))
        self.assertIn("refused a batch of 2 records (HTTP 401", notice["message"])
        self.assertEqual([line["message"] for line in lines], ["first", "second"])
        self.assertEqual((handler.stats()["refused_batches"], handler.stats()["written_to_stderr"]), (1, 2))

    def test_a_batch_still_refused_after_its_retries_goes_to_stderr(self):
        server = self.server([(503, {})])
        stream = io.StringIO()
        handler = self.handler(server.url, fallback_stream=stream, backoff=0.01, max_retries=2)
        logger_with(handler, "exhausted").error("never taken")
        self.assertTrue(handler.flush(timeout=30))
        self.assertEqual(len(server.exchanges), 3, "the first try and 2 retries")
        lines = stream.getvalue().splitlines()
        self.assertIn("after 2 retries (HTTP 503", json.loads(lines[0])["message"])
        self.assertEqual(json.loads(lines[1])["message"], "never taken")

    def test_drops_are_counted_by_level_and_reported_as_a_warn_record(self):
        hold = threading.Event()
        server = self.server(hold=hold)
        handler = self.handler(server.url, queue_size=3, batch_size=1)
        log = logger_with(handler, "drops")
        log.info("in flight")
        server.await_exchanges(1)  # the sender now waits for the held answer: nothing leaves the queue
        for n in range(3):
            log.info("queued %d", n)
        log.debug("dropped debug")
        log.error("dropped error 1")
        log.error("dropped error 2")
        self.assertEqual(handler.stats()["dropped"], {"DEBUG": 1, "ERROR": 2})
        hold.set()
        self.assertTrue(handler.flush(timeout=30))
        exchanges = server.await_exchanges(5)
        messages = [record["message"] for exchange in exchanges for record in exchange.records()]
        self.assertEqual(messages[:2], ["in flight",
                                        "corral_logging dropped 3 records and wrote 0 to stderr since its last report "
                                        "(queue full or Corral unreachable)"])
        self.assertEqual(messages[2:], ["queued 0", "queued 1", "queued 2"])
        report = exchanges[1].records()[0]
        self.assertEqual((report["level"], report["service"]), ("WARN", "checkout"))
        self.assertEqual((report["dropped"], report["dropped_total"]), ({"DEBUG": 1, "ERROR": 2}, 3))

    def test_while_unreachable_records_go_to_stderr_and_the_recovery_is_reported(self):
        port = free_port()
        stream = io.StringIO()
        handler = self.handler("http://127.0.0.1:%d" % port, fallback_stream=stream, backoff=0.01,
                               max_backoff=0.05, max_retries=1)
        log = logger_with(handler, "unreachable")
        for n in range(3):
            log.info("while down %d", n)
        self.assertTrue(handler.flush(timeout=30))
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        self.assertIn("is unreachable (ConnectionRefusedError", lines[0]["message"])
        self.assertEqual([line["message"] for line in lines[1:]], ["while down 0", "while down 1", "while down 2"])
        server = self.server(port=port)
        for attempt in range(600):  # the next try comes at most max_backoff after the last one
            log.info("after %d", attempt)
            handler.flush(timeout=30)
            if server.exchanges:
                break
            time.sleep(0.01)
        exchanges = server.await_exchanges(2)
        report = exchanges[1].records()[0]
        self.assertEqual(report["logger"], "corral_logging")
        self.assertEqual(report["written_to_stderr"], handler.stats()["written_to_stderr"])
        self.assertGreaterEqual(report["written_to_stderr"], 3)
        self.assertEqual(handler.stats()["dropped_total"], 0)

    def test_close_waits_at_most_its_time_limit_then_writes_what_is_left_to_stderr(self):
        hold = threading.Event()
        server = self.server(hold=hold)
        stream = io.StringIO()
        handler = self.handler(server.url, fallback_stream=stream, batch_size=1)
        log = logger_with(handler, "close")
        log.info("in flight")
        server.await_exchanges(1)
        for n in range(4):
            log.info("left %d", n)
        handler.close(timeout=0.2)
        log.info("after close")
        hold.set()
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        self.assertIn("4 records were not sent within shutdown_timeout", lines[0]["message"])
        self.assertEqual([line["message"] for line in lines[1:]], ["left 0", "left 1", "left 2", "left 3",
                                                                   "after close"])
        self.assertEqual(handler.stats()["written_to_stderr"], 5)

    def test_a_kept_alive_connection_the_server_closed_while_idle_is_opened_again_without_a_retry(self):
        server = self.server()
        handler = self.handler(server.url, backoff=1000, max_backoff=1000)
        log = logger_with(handler, "idle")
        log.info("first")
        self.assertTrue(handler.flush(timeout=30))
        server.drop_connections()  # the connection the handler kept is closed, as an idle timeout would
        log.info("second")
        self.assertTrue(handler.flush(timeout=30), "a retry would wait the backoff of 1000 s")
        self.assertEqual(server.await_exchanges(2)[1].records()[0]["message"], "second")
        self.assertEqual((handler.stats()["retries"], handler.stats()["sent"]), (0, 2))

    @unittest.skipUnless(hasattr(os, "fork"), "needs os.fork")
    def test_a_forked_child_gets_a_sender_of_its_own(self):
        server = self.server()
        handler = self.handler(server.url)
        log = logger_with(handler, "fork")
        log.info("from the parent")
        self.assertTrue(handler.flush(timeout=30))
        child = os.fork()
        if child == 0:  # the child: its sender thread was not copied by fork; the handler must start a new one
            try:
                log.info("from the child %d", os.getpid())
                os._exit(0 if handler.flush(timeout=30) else 1)
            finally:
                os._exit(2)
        _, status = os.waitpid(child, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8, 0)
        messages = [record["message"] for exchange in server.await_exchanges(2) for record in exchange.records()]
        self.assertEqual(messages, ["from the parent", "from the child %d" % child])

    def test_dict_config_builds_the_handler_as_docs_clients_md_shows(self):
        server = self.server()
        logging.config.dictConfig({
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {
                "corral": {
                    "class": "corral_logging.CorralHandler",
                    "url": server.url,
                    "service": "checkout",
                    "api_key": "key-id:s3cret",
                    "environment": "prod",
                    "version": "2.4.1",
                    "level": "INFO",
                    "flush_interval": 0.05,
                },
            },
            "loggers": {"test.dictconfig": {"handlers": ["corral"], "level": "DEBUG", "propagate": False}},
        })
        log = logging.getLogger("test.dictconfig")
        handler = log.handlers[0]
        self.handlers.append(handler)
        log.debug("below the handler's level")
        log.info("configured")
        self.assertTrue(handler.flush(timeout=30))
        record = server.await_exchanges(1)[0].records()[0]
        self.assertEqual((record["message"], record["service"], record["environment"], record["version"]),
                         ("configured", "checkout", "prod", "2.4.1"))
        self.assertEqual(len(server.exchanges[0].lines), 1)


if __name__ == "__main__":
    unittest.main()
