package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Folds the notifications a channel's rate limit held back into one summary notification: every alert
 * instance once (its latest state wins, by {@code dedup_key}), each labelled with its rule
 * ({@code alertname}), firing ones first. The summary names the rules and how many notifications it stands for.
 * Stateless.
 */
final class NotificationGroup {
  /** The highest severity wins the summary's; unknown words rank with warning. */
  private static final List<String> SEVERITY_ORDER = List.of("info", "warning", "error", "critical");

  private NotificationGroup() {}

  /** One notification standing for {@code held} (at least two), sent to channel {@code channel}. */
  static Notification summary(String channel, List<Notification> held) {
    Map<String, NotifiedAlert> latest = new LinkedHashMap<>();
    Map<String, Integer> perRule = new TreeMap<>();
    String severity = "info";
    for (Notification notification : held) {
      perRule.merge(notification.rule(), 1, Integer::sum);
      if (rank(notification.severity()) > rank(severity)) {
        severity = notification.severity();
      }
      for (NotifiedAlert alert : notification.alerts()) {
        latest.remove(alert.dedupKey());
        latest.put(alert.dedupKey(), labelled(alert, notification.rule()));
      }
    }
    List<NotifiedAlert> alerts = new ArrayList<>();
    latest.values().stream().filter(NotifiedAlert::firing).forEach(alerts::add);
    latest.values().stream().filter(alert -> !alert.firing()).forEach(alerts::add);
    Notification first = held.getFirst();
    boolean oneRule = perRule.size() == 1;
    String rules = perRule.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    String summary = held.size() + " notifications grouped by the rate limit of channel " + channel + ": " + rules
        + "; " + alerts.stream().filter(NotifiedAlert::firing).count() + " alerts firing, "
        + alerts.stream().filter(alert -> !alert.firing()).count() + " resolved";
    return new Notification(oneRule ? first.rule() : "grouped", severity, summary,
        oneRule ? first.description() : "Several rules notified faster than the channel's rate limit allows.",
        oneRule ? first.runbook() : "", oneRule ? first.labels() : Map.of(), alerts,
        oneRule ? first.ruleLink() : null, held.getLast().at() == null ? Instant.now() : held.getLast().at(), false);
  }

  private static NotifiedAlert labelled(NotifiedAlert alert, String rule) {
    if (alert.labels().containsKey("alertname")) {
      return alert;
    }
    Map<String, String> labels = new HashMap<>(alert.labels());
    labels.put("alertname", rule);
    return new NotifiedAlert(alert.group(), labels, alert.status(), alert.value(), alert.startsAt(), alert.endsAt(),
        alert.dedupKey(), alert.searchLink(), alert.traceLink(), alert.details());
  }

  private static int rank(String severity) {
    int rank = SEVERITY_ORDER.indexOf(severity);
    return rank < 0 ? 1 : rank;
  }
}
