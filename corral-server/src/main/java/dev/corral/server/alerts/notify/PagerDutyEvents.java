package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PagerDuty Events API v2 events of a notification: one per alert instance, {@code trigger} while it fires and
 * {@code resolve} once it resolved, with the instance's stable {@code dedup_key} so PagerDuty keeps one incident
 * per instance. Stateless.
 */
final class PagerDutyEvents {
  /** Where PagerDuty takes events unless the channel names another URL (an EU account, a proxy). */
  static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
  /** The severities PagerDuty accepts. */
  static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");
  /** PagerDuty: a summary is at most 1024 characters, a dedup_key at most 255. */
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;

  private PagerDutyEvents() {}

  /** The events of {@code notification}, in the order of its alerts. */
  static List<Map<String, Object>> events(Notification notification, ChannelConfig.PagerDuty channel) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (NotifiedAlert alert : notification.alerts()) {
      events.add(event(notification, alert, channel));
    }
    return events;
  }

  private static Map<String, Object> event(Notification notification, NotifiedAlert alert,
      ChannelConfig.PagerDuty channel) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", channel.routingKey());
    event.put("event_action", alert.firing() ? "trigger" : "resolve");
    event.put("dedup_key", cut(alert.dedupKey(), MAX_DEDUP_KEY));
    if (alert.firing()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      String summary = (notification.test() ? "[TEST] " : "") + notification.rule() + ": " + AlertText.line(alert);
      payload.put("summary", cut(summary, MAX_SUMMARY));
      payload.put("source", alert.group().getOrDefault("service", "corral"));
      payload.put("severity", severity(notification.severity(), channel));
      payload.put("timestamp", String.valueOf(alert.startsAt() == null ? notification.at() : alert.startsAt()));
      payload.put("component", alert.group().getOrDefault("service", ""));
      payload.put("group", AlertText.group(alert));
      payload.put("class", notification.rule());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("value", AlertText.jsonNumber(alert.value()));
      details.put("labels", AlertText.sorted(alert.labels()));
      details.put("description", notification.description());
      details.put("runbook", notification.runbook());
      details.put("details", alert.details());
      details.put("test", notification.test());
      payload.put("custom_details", details);
      event.put("payload", payload);
      event.put("client", "Corral");
      if (notification.ruleLink() != null) {
        event.put("client_url", notification.ruleLink());
      }
      List<Map<String, String>> links = new ArrayList<>();
      if (alert.searchLink() != null) {
        links.add(Map.of("href", alert.searchLink(), "text", "Search in Corral"));
      }
      if (alert.traceLink() != null) {
        links.add(Map.of("href", alert.traceLink(), "text", "Worst trace"));
      }
      event.put("links", links);
    }
    return event;
  }

  /**
   * PagerDuty's severity for a Corral one: the channel's {@code severity_map} first, then the same word when
   * PagerDuty has it, then {@code page} → critical, {@code high} → error, {@code low}/{@code notice} → info, and
   * warning for anything else.
   */
  static String severity(String severity, ChannelConfig.PagerDuty channel) {
    String mapped = channel.severities().get(severity);
    if (mapped != null) {
      return mapped;
    }
    String word = severity.toLowerCase(Locale.ROOT);
    if (SEVERITIES.contains(word)) {
      return word;
    }
    return switch (word) {
      case "page", "fatal", "emergency" -> "critical";
      case "high" -> "error";
      case "low", "notice", "debug" -> "info";
      default -> "warning";
    };
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
