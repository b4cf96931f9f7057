package dev.corral.server.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message about one rule: the instances of that rule whose state changed (or are re-notified)
 * at one evaluation, grouped so that a rule firing for 40 services is one message, not 40.
 *
 * @param rule the rule's name
 * @param severity the rule's severity label
 * @param summary one line, e.g. {@code error_spike firing for 2 groups (payment-gateway, user-auth)}
 * @param description the rule's description
 * @param runbook the rule's runbook, empty for none
 * @param labels the rule's labels
 * @param alerts the instances, firing ones first; never empty
 * @param ruleLink an absolute link to the rule on the Alerts page
 * @param at when the notification was made
 * @param test whether this is a "send test notification" message (receivers may show it as such)
 */
public record Notification(String rule, String severity, String summary, String description, String runbook,
    Map<String, String> labels, List<NotifiedAlert> alerts, String ruleLink, Instant at, boolean test) {
  public Notification {
    Objects.requireNonNull(rule, "rule");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a notification about rule '" + rule + "' must carry at least one alert");
    }
  }

  /** Whether any of its instances is firing (else all resolved). */
  public boolean firing() {
    return alerts.stream().anyMatch(NotifiedAlert::firing);
  }
}
