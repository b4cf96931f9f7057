package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The "send test notification" message of a channel: one alert of a rule named {@value #RULE}, marked
 * {@code test} (receivers show it as such), with the dedup key {@code corral-test-<channel>}. A stateful
 * receiver (PagerDuty, Alertmanager) also gets the alert resolved right after, so a test opens no incident that
 * someone must close. Stateless.
 */
final class TestNotification {
  static final String RULE = "corral_test_notification";

  private TestNotification() {}

  /** The firing test message, or with {@code resolved} the one closing it. */
  static Notification of(String channel, boolean resolved, Instant at) {
    NotifiedAlert alert = new NotifiedAlert(Map.of("channel", channel), Map.of("alertname", RULE,
        "severity", "info", "channel", channel), resolved ? "resolved" : "firing", 1, at, resolved ? at : null,
        "corral-test-" + channel, null, null, Map.of("note", "sent by the test action of channel " + channel));
    return new Notification(RULE, "info", "Test notification from Corral to channel " + channel
        + (resolved ? " (resolved)" : ""), "An admin asked Corral to send a test notification; nothing is wrong.", "",
        Map.of("severity", "info"), List.of(alert), null, at, true);
  }

  /** Whether the channel keeps alert state, so a test trigger must be resolved again. */
  static boolean resolvesAfter(ChannelType type) {
    return type == ChannelType.PAGERDUTY || type == ChannelType.ALERTMANAGER;
  }
}
