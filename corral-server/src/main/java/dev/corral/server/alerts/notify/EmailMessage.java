package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;

/**
 * The email of a notification: a subject, a plain-text body and an HTML body (sent together as
 * multipart/alternative) with the same facts and links. Every value is HTML-escaped. Stateless.
 */
final class EmailMessage {
  /** Mail clients cut long subjects anyway; a subject is one line. */
  static final int MAX_SUBJECT = 200;

  private EmailMessage() {}

  /** {@code [FIRING] error_spike (critical): summary}, one line. */
  static String subject(Notification notification) {
    String subject = (AlertText.title(notification) + ": " + notification.summary()).replaceAll("[\\r\\n]+", " ");
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
  }

  /** The plain-text body. */
  static String text(Notification notification) {
    StringBuilder text = new StringBuilder(AlertText.title(notification)).append("\n\n")
        .append(notification.summary()).append('\n');
    if (!notification.description().isBlank()) {
      text.append('\n').append(notification.description()).append('\n');
    }
    text.append("\nAlerts:\n");
    for (NotifiedAlert alert : notification.alerts()) {
      text.append("- ").append(AlertText.line(alert)).append('\n');
      if (alert.searchLink() != null) {
        text.append("  Search: ").append(alert.searchLink()).append('\n');
      }
      if (alert.traceLink() != null) {
        text.append("  Trace: ").append(alert.traceLink()).append('\n');
      }
    }
    if (!notification.labels().isEmpty()) {
      text.append("\nLabels: ").append(AlertText.sorted(notification.labels())).append('\n');
    }
    if (!notification.runbook().isBlank()) {
      text.append("Runbook: ").append(notification.runbook()).append('\n');
    }
    if (notification.ruleLink() != null) {
      text.append("Rule: ").append(notification.ruleLink()).append('\n');
    }
    return text.append("\nSent by Corral at ").append(notification.at()).append('\n').toString();
  }

  /** The HTML body. */
  static String html(Notification notification) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
        .append("<h2>").append(escape(AlertText.title(notification))).append("</h2>")
        .append("<p><strong>").append(escape(notification.summary())).append("</strong></p>");
    if (!notification.description().isBlank()) {
      html.append("<p>").append(escape(notification.description())).append("</p>");
    }
    html.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>Status</th><th>Group</th>")
        .append("<th>Value</th><th>Links</th></tr>");
    for (NotifiedAlert alert : notification.alerts()) {
      html.append("<tr><td>").append(escape(alert.status())).append("</td><td>")
          .append(escape(AlertText.group(alert))).append("</td><td>").append(AlertText.number(alert.value()))
          .append("</td><td>").append(link("Search", alert.searchLink())).append(' ')
          .append(link("Trace", alert.traceLink())).append("</td></tr>");
    }
    html.append("</table>");
    if (!notification.labels().isEmpty()) {
      html.append("<p>Labels: ");
      for (Map.Entry<String, String> label : AlertText.sorted(notification.labels()).entrySet()) {
        html.append("<code>").append(escape(label.getKey() + "=" + label.getValue())).append("</code> ");
      }
      html.append("</p>");
    }
    if (!notification.runbook().isBlank()) {
      html.append("<p>Runbook: ").append(notification.runbook().startsWith("http")
          ? link(notification.runbook(), notification.runbook()) : escape(notification.runbook())).append("</p>");
    }
    html.append("<p>").append(link("Open the rule in Corral", notification.ruleLink())).append("</p>")
        .append("<p style=\"color:#888\">Sent by Corral at ").append(escape(String.valueOf(notification.at())))
        .append("</p></body></html>");
    return html.toString();
  }

  private static String link(String text, String url) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      return "";
    }
    return "<a href=\"" + escape(url) + "\">" + escape(text) + "</a>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Refuses an address that is not one valid RFC 822 address. */
  static void checkAddress(String field, String address) throws InvalidChannelException {
    try {
      new InternetAddress(address, true).validate();
    } catch (AddressException e) {
      throw new InvalidChannelException(field, "'" + address + "' is not an email address: " + e.getMessage());
    }
  }
}
