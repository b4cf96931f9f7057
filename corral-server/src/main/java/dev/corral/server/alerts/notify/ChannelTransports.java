package dev.corral.server.alerts.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place a channel's configuration becomes its {@link Transport}: which messages, to which URL. */
final class ChannelTransports {
  private ChannelTransports() {}

  /**
   * The transport of {@code channel}, sharing {@code client} (connect timeout set, redirects never followed).
   *
   * @throws InvalidChannelException when a file the channel names (an email {@code ca_file}) no longer reads
   */
  static Transport of(ChannelConfig channel, HttpClient client, Duration timeout) throws InvalidChannelException {
    return switch (channel) {
      case ChannelConfig.Webhook webhook -> new HttpTransport(client, timeout, notification -> {
        byte[] body = JsonBodies.bytes(WebhookPayload.body(notification, webhook.name()));
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        if (!webhook.secret().isEmpty()) {
          headers.put(WebhookPayload.SIGNATURE_HEADER, WebhookPayload.signature(webhook.secret(), body));
        }
        return List.of(new HttpMessage(webhook.url(), headers, body));
      });
      case ChannelConfig.Slack slack -> new HttpTransport(client, timeout, notification ->
          List.of(HttpTransport.json(slack.url(), Map.of(), SlackBlocks.message(notification))));
      case ChannelConfig.PagerDuty pagerDuty -> new HttpTransport(client, timeout, notification ->
          PagerDutyEvents.events(notification, pagerDuty).stream()
              .map(event -> HttpTransport.json(pagerDuty.url(), Map.of(), event)).toList());
      case ChannelConfig.Alertmanager alertmanager -> new HttpTransport(client, timeout, notification ->
          List.of(HttpTransport.json(alertmanager.alertsUrl(), alertmanager.headers(),
              AlertmanagerAlerts.alerts(notification))));
      case ChannelConfig.Email email -> new SmtpTransport(email, timeout);
    };
  }
}
