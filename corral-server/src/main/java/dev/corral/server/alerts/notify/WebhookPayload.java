package dev.corral.server.alerts.notify;

import dev.corral.server.alerts.Notification;
import dev.corral.server.alerts.NotifiedAlert;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's JSON body (version 1, documented field by field in docs/alerting-channels.md) and its
 * signature: {@value #SIGNATURE_HEADER}{@code : sha256=<hex HMAC-SHA256 of the raw body with the secret>}, as
 * GitHub signs its webhooks. Stateless.
 */
final class WebhookPayload {
  /** The header carrying the body's signature when the channel has a secret. */
  static final String SIGNATURE_HEADER = "X-Corral-Signature-256";
  /** The payload's format version; a change that removes or retypes a field gets a new one. */
  static final String VERSION = "1";

  private WebhookPayload() {}

  /** The body sent for {@code notification} to channel {@code channel}. */
  static Map<String, Object> body(Notification notification, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", VERSION);
    body.put("source", "corral");
    body.put("channel", channel);
    body.put("rule", notification.rule());
    body.put("status", notification.firing() ? "firing" : "resolved");
    body.put("severity", notification.severity());
    body.put("summary", notification.summary());
    body.put("description", notification.description());
    body.put("runbook", notification.runbook());
    body.put("labels", AlertText.sorted(notification.labels()));
    body.put("rule_link", notification.ruleLink());
    body.put("at", String.valueOf(notification.at()));
    body.put("test", notification.test());
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (NotifiedAlert alert : notification.alerts()) {
      alerts.add(alert(alert));
    }
    body.put("alerts", alerts);
    return body;
  }

  private static Map<String, Object> alert(NotifiedAlert alert) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", alert.status());
    json.put("group", AlertText.sorted(alert.group()));
    json.put("labels", AlertText.sorted(alert.labels()));
    json.put("value", AlertText.jsonNumber(alert.value()));
    json.put("starts_at", alert.startsAt() == null ? null : alert.startsAt().toString());
    json.put("ends_at", alert.endsAt() == null ? null : alert.endsAt().toString());
    json.put("dedup_key", alert.dedupKey());
    json.put("search_link", alert.searchLink());
    json.put("trace_link", alert.traceLink());
    json.put("details", alert.details());
    return json;
  }

  /** {@code sha256=<lowercase hex>} of HMAC-SHA256 over {@code body} keyed with {@code secret} (UTF-8). */
  static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("BUG: HmacSHA256 is part of every JDK: " + e, e);
    }
  }
}
