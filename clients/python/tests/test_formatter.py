"""JsonFormatter: the unified schema, exceptions, unicode, extras, values JSON cannot hold."""

import json
import logging
import re
import unittest

from corral_logging import ContextFilter, JsonFormatter, context


def record(message="card declined", level=logging.INFO, args=(), exc_info=None, **extra):
    made = logging.LogRecord("shop.pay", level, "/app/pay.py", 88, message, args, exc_info, func="charge")
    made.__dict__.update(extra)
    return made


class CardDeclined(Exception):
    pass


class Unprintable:
    def __repr__(self):
        raise RuntimeError("no repr")


class JsonFormatterTest(unittest.TestCase):
    def setUp(self):
        self.formatter = JsonFormatter(service="checkout", version="2.4.1", environment="prod", host="web-7")

    def format(self, made):
        line = self.formatter.format(made)
        self.assertNotIn("\n", line, "one record is one line")
        return json.loads(line)

    def test_a_record_has_every_field_of_the_unified_schema(self):
        with context.scope(trace_id="4bf92f3577b34da6a3ce929d0e0e4736", span_id="00f067aa0ba902b7",
                           request_id="req-7f3a9c", user_id="u-1842"):
            document = self.format(record(level=logging.WARNING))
        self.assertRegex(document["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual({key: document[key] for key in (
            "level", "service", "version", "environment", "host", "logger", "trace_id", "span_id", "request_id",
            "user_id", "message", "module", "function", "line")}, {
            "level": "WARN", "service": "checkout", "version": "2.4.1", "environment": "prod", "host": "web-7",
            "logger": "shop.pay", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7",
            "request_id": "req-7f3a9c", "user_id": "u-1842", "message": "card declined", "module": "pay",
            "function": "charge", "line": 88})

    def test_timestamp_is_utc_with_milliseconds(self):
        made = record()
        made.created = 1795280400.1239  # 2026-11-21T17:00:00.123Z
        self.assertEqual(self.format(made)["timestamp"], "2026-11-21T17:00:00.123Z")

    def test_levels_use_corrals_names(self):
        names = [self.format(record(level=level))["level"] for level in
                 (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)]
        self.assertEqual(names, ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"])

    def test_ids_are_left_out_outside_any_context_and_an_explicit_extra_wins(self):
        self.assertFalse({"trace_id", "span_id", "request_id", "user_id"} & set(self.format(record())))
        with context.scope(trace_id="from-context"):
            self.assertEqual(self.format(record(trace_id="explicit"))["trace_id"], "explicit")

    def test_an_exception_has_type_message_and_traceback(self):
        try:
            raise CardDeclined("issuer returned 05")
        except CardDeclined:
            import sys
            document = self.format(record(level=logging.ERROR, exc_info=sys.exc_info()))
        exception = document["exception"]
        self.assertEqual(exception["type"], "CardDeclined")
        self.assertEqual(exception["message"], "issuer returned 05")
        self.assertTrue(exception["traceback"].startswith("Traceback (most recent call last):"), exception)
        self.assertIn("raise CardDeclined", exception["traceback"])
        self.assertTrue(exception["traceback"].rstrip().endswith("CardDeclined: issuer returned 05"))

    def test_unicode_is_kept_as_is(self):
        line = self.formatter.format(record("Zahlung für %s abgelehnt ✗ 支付 🙂", args=("Jörg",)))
        self.assertIn("Zahlung für Jörg abgelehnt ✗ 支付 🙂", line, "written as UTF-8 text, not \\u escapes")
        self.assertEqual(json.loads(line)["message"], "Zahlung für Jörg abgelehnt ✗ 支付 🙂")

    def test_context_and_performance_stay_objects_and_other_extras_become_fields(self):
        document = self.format(record(context={"amount": 129.99, "card": {"brand": "visa"}},
                                      performance={"duration_ms": 842}, order_id=1842))
        self.assertEqual(document["context"], {"amount": 129.99, "card": {"brand": "visa"}})
        self.assertEqual(document["performance"], {"duration_ms": 842})
        self.assertEqual(document["order_id"], 1842)

    def test_an_extra_named_like_a_record_field_moves_into_context(self):
        document = self.format(record(level=logging.ERROR, context={"a": 1}, timestamp="yesterday", logger="x"))
        self.assertEqual(document["level"], "ERROR")
        self.assertEqual(document["logger"], "shop.pay")
        self.assertEqual(document["context"], {"a": 1, "timestamp": "yesterday", "logger": "x"})

    def test_values_json_cannot_hold_are_written_as_their_repr(self):
        cyclic = []
        cyclic.append(cyclic)
        document = self.format(record(obj=object(), items={1, 2}, nan=float("nan"), keys={(1, 2): "tuple key"},
                                      cyclic=cyclic, broken=Unprintable(), raw=b"\xff"))
        self.assertRegex(document["obj"], r"^<object object at 0x[0-9a-f]+>$")
        self.assertEqual(document["items"], "{1, 2}")
        self.assertEqual(document["nan"], "nan")
        self.assertEqual(document["keys"], {"(1, 2)": "tuple key"})
        self.assertEqual(document["cyclic"], ["[[...]]"])
        self.assertEqual(document["broken"], "<Unprintable: repr failed: RuntimeError>")
        self.assertEqual(document["raw"], "b'\\xff'")

    def test_static_fields_and_a_default_host(self):
        formatter = JsonFormatter(service="checkout", static_fields={"region": "eu-west-1"})
        document = json.loads(formatter.format(record()))
        self.assertEqual(document["region"], "eu-west-1")
        self.assertTrue(document["host"])
        self.assertNotIn("version", document)


class ContextFilterTest(unittest.TestCase):
    def test_the_filter_copies_the_ids_onto_the_record_for_format_strings(self):
        made = record()
        with context.scope(trace_id="t-1", request_id="r-1"):
            self.assertTrue(ContextFilter().filter(made))
        line = logging.Formatter("%(trace_id)s %(request_id)s %(span_id)s %(message)s").format(made)
        self.assertEqual(line, "t-1 r-1 None card declined")
        self.assertEqual(json.loads(JsonFormatter().format(made))["trace_id"], "t-1", "read outside the scope")


if __name__ == "__main__":
    unittest.main()
