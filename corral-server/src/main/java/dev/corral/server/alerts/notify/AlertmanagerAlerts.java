package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts} for a notification: an array of postable alerts
 * ({@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL}). Alertmanager
 * identifies an alert by its label set, so each carries {@code alertname} (the rule), the rule's labels and the
 * group values. A firing alert has no {@code endsAt} (Alertmanager resolves it after its {@code resolve_timeout}
 * unless it is sent again); a resolved one has its resolution time. Stateless.
 */
final class AlertmanagerAlerts {
  private AlertmanagerAlerts() {}

  /** The postable alerts of {@code notification}. */
  static List<Map<String, Object>> alerts(Notification notification) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (NotifiedAlert alert : notification.alerts()) {
      Map<String, String> labels = new TreeMap<>();
      alert.labels().forEach((name, value) -> labels.put(labelName(name), value));
      labels.putIfAbsent("alertname", notification.rule());
      labels.putIfAbsent("severity", notification.severity());
      if (notification.test()) {
        labels.put("corral_test", "true");
      }
      Map<String, String> annotations = new TreeMap<>();
      annotations.put("summary", notification.rule() + ": " + AlertText.line(alert));
      put(annotations, "description", notification.description());
      put(annotations, "runbook_url", notification.runbook());
      put(annotations, "search_link", alert.searchLink());
      put(annotations, "trace_link", alert.traceLink());
      annotations.put("value", AlertText.number(alert.value()));
      annotations.put("dedup_key", alert.dedupKey());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("labels", labels);
      json.put("annotations", annotations);
      json.put("startsAt", String.valueOf(alert.startsAt() == null ? notification.at() : alert.startsAt()));
      if (!alert.firing()) {
        json.put("endsAt", String.valueOf(alert.endsAt() == null ? notification.at() : alert.endsAt()));
      }
      String generator = alert.searchLink() != null ? alert.searchLink() : notification.ruleLink();
      if (generator != null) {
        json.put("generatorURL", generator);
      }
      alerts.add(json);
    }
    return alerts;
  }

  private static void put(Map<String, String> annotations, String name, String value) {
    if (value != null && !value.isBlank()) {
      annotations.put(name, value);
    }
  }

  /** A Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}): other characters become {@code _}. */
  static String labelName(String name) {
    String clean = name.replaceAll("[^a-zA-Z0-9_]", "_");
    return clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? "_" + clean : clean;
  }
}
