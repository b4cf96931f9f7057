package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Slack incoming-webhook message of a notification: a fallback {@code text} and Block Kit {@code blocks}
 * (header, summary section, facts section with fields, one section per alert with its links, a "more" context,
 * action buttons), within Slack's documented limits, which are the constants below. Stateless.
 */
final class SlackBlocks {
  /** Slack: a header block's plain_text is at most 150 characters. */
  static final int MAX_HEADER = 150;
  /** Slack: a section's text is at most 3000 characters. */
  static final int MAX_SECTION_TEXT = 3000;
  /** Slack: a section field's text is at most 2000 characters. */
  static final int MAX_FIELD_TEXT = 2000;
  /** Slack: a button's text is at most 75 characters, its URL at most 3000. */
  static final int MAX_BUTTON_TEXT = 75;
  static final int MAX_URL = 3000;
  /** Slack allows 50 blocks; ten alerts stay readable, the rest is counted in a context line. */
  static final int MAX_ALERT_SECTIONS = 10;

  private SlackBlocks() {}

  /** The JSON body posted to the incoming webhook. */
  static Map<String, Object> message(Notification notification) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", plain(AlertText.title(notification), MAX_HEADER)));
    String summary = "*" + escape(notification.summary()) + "*"
        + (notification.description().isBlank() ? "" : "\n" + escape(notification.description()));
    blocks.add(section(summary));
    List<Object> facts = new ArrayList<>();
    facts.add(markdown("*Rule*\n" + escape(notification.rule()), MAX_FIELD_TEXT));
    facts.add(markdown("*Severity*\n" + escape(notification.severity()), MAX_FIELD_TEXT));
    facts.add(markdown("*Status*\n" + (notification.firing() ? "firing" : "resolved"), MAX_FIELD_TEXT));
    facts.add(markdown("*Alerts*\n" + notification.alerts().size(), MAX_FIELD_TEXT));
    if (!notification.labels().isEmpty()) {
      facts.add(markdown("*Labels*\n" + escape(AlertText.sorted(notification.labels()).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))), MAX_FIELD_TEXT));
    }
    blocks.add(Map.of("type", "section", "fields", facts));
    List<NotifiedAlert> alerts = notification.alerts();
    for (NotifiedAlert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERT_SECTIONS))) {
      blocks.add(section(alert(alert)));
    }
    if (alerts.size() > MAX_ALERT_SECTIONS) {
      blocks.add(context("and " + (alerts.size() - MAX_ALERT_SECTIONS) + " more alerts"));
    }
    List<Object> buttons = new ArrayList<>();
    button(buttons, "Open rule", notification.ruleLink());
    button(buttons, "Search", alerts.getFirst().searchLink());
    button(buttons, "Trace", alerts.getFirst().traceLink());
    button(buttons, "Runbook", notification.runbook());
    if (!buttons.isEmpty()) {
      blocks.add(Map.of("type", "actions", "elements", buttons));
    }
    blocks.add(context("Corral" + (notification.test() ? " test notification" : "") + " · " + notification.at()));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", AlertText.title(notification) + ": " + notification.summary());
    message.put("blocks", blocks);
    return message;
  }

  private static String alert(NotifiedAlert alert) {
    StringBuilder text = new StringBuilder("*").append(alert.status()).append("* `")
        .append(escape(AlertText.group(alert))).append("` value *").append(AlertText.number(alert.value()))
        .append('*');
    List<String> links = new ArrayList<>();
    if (isLink(alert.searchLink())) {
      links.add("<" + alert.searchLink() + "|Search>");
    }
    if (isLink(alert.traceLink())) {
      links.add("<" + alert.traceLink() + "|Trace>");
    }
    if (!links.isEmpty()) {
      text.append('\n').append(String.join(" · ", links));
    }
    return text.toString();
  }

  private static void button(List<Object> buttons, String text, String url) {
    if (isLink(url)) {
      buttons.add(Map.of("type", "button", "text", plain(text, MAX_BUTTON_TEXT), "url", url));
    }
  }

  /** Whether {@code url} can be a Slack link or button: http(s), within the length, no characters Slack parses. */
  private static boolean isLink(String url) {
    return url != null && url.length() <= MAX_URL && (url.startsWith("https://") || url.startsWith("http://"))
        && url.chars().noneMatch(c -> c == '|' || c == '<' || c == '>' || c <= ' ');
  }

  private static Map<String, Object> section(String markdown) {
    return Map.of("type", "section", "text", markdown(markdown, MAX_SECTION_TEXT));
  }

  private static Map<String, Object> context(String text) {
    return Map.of("type", "context", "elements", List.of(markdown(escape(text), MAX_SECTION_TEXT)));
  }

  private static Map<String, Object> plain(String text, int max) {
    return Map.of("type", "plain_text", "text", cut(text, max));
  }

  private static Map<String, Object> markdown(String text, int max) {
    return Map.of("type", "mrkdwn", "text", cut(text, max));
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Slack's mrkdwn escapes: only &, < and > (so event text cannot forge links or mentions). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
