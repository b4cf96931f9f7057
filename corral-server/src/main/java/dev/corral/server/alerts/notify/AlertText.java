package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The words every channel uses for a notification and its alerts, so they all read alike. Stateless. */
final class AlertText {
  private AlertText() {}

  /** {@code [FIRING] error_spike (critical)}, {@code [RESOLVED] ...}, {@code [TEST] ...}. */
  static String title(Notification notification) {
    String status = notification.test() ? "TEST" : notification.firing() ? "FIRING" : "RESOLVED";
    return "[" + status + "] " + notification.rule() + " (" + notification.severity() + ")";
  }

  /** {@code service=payment-gateway, region=eu}, sorted by name; {@code (no group)} for a rule's only instance. */
  static String group(NotifiedAlert alert) {
    if (alert.group().isEmpty()) {
      return "(no group)";
    }
    return new TreeMap<>(alert.group()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** A value as text: whole numbers without decimals, others with up to 3; {@code n/a} for NaN. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
  }

  /** A number for JSON: NaN and the infinities (which JSON cannot carry) become null. */
  static Double jsonNumber(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
  }

  /** {@code firing service=payment-gateway value=7.5}. */
  static String line(NotifiedAlert alert) {
    return alert.status() + " " + group(alert) + " value=" + number(alert.value());
  }

  /** The labels sorted by name, for stable messages. */
  static Map<String, String> sorted(Map<String, String> labels) {
    return new TreeMap<>(labels);
  }
}
