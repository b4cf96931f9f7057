package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications as {@code alerts.state} would send them, for the tests. */
final class Notifications {
  static final Instant STARTED = Instant.parse("2026-12-05T10:00:00Z");

  private Notifications() {}

  /** The seed's error_spike firing (or resolved) for {@code service} with an error rate of {@code value}. */
  static Notification errorSpike(String service, double value, boolean firing) {
    return new Notification("error_spike", "critical", "error_spike " + (firing ? "firing" : "resolved") + " for "
        + service, "Error rate above 5 % for 2 minutes", "https://runbooks.example.com/error-spike",
        Map.of("severity", "critical"), List.of(alert(service, value, firing)),
        "http://corral.example.com/#/alerts/error_spike", STARTED.plusSeconds(120), false);
  }

  static NotifiedAlert alert(String service, double value, boolean firing) {
    return new NotifiedAlert(Map.of("service", service), Map.of("severity", "critical", "service", service),
        firing ? "firing" : "resolved", value, STARTED, firing ? null : STARTED.plusSeconds(300),
        "error_spike/service=" + service, "http://corral.example.com/#/search?q=level%3AERROR&service=" + service,
        "http://corral.example.com/#/trace/4bf92f3577b34da6", Map.of("errors", 12, "total", 160));
  }
}
