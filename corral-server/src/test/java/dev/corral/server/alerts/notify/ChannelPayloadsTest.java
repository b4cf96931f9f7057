package dev.corral.server.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each channel type end to end: a real server reads channels.yaml, a notification goes through its Notifier, and
 * a real HTTP receiver on 127.0.0.1 records what a webhook, Slack, PagerDuty and Alertmanager would receive. The
 * payloads are checked against each receiver's documented schema: the required fields, their types and limits
 * (listed in each test).
 */
class ChannelPayloadsTest {
  @TempDir
  java.nio.file.Path data;

  /** The issue's own channels.yaml, as written, delivers: a webhook with the JSON body of docs/alerting-channels.md. */
  @Test
  void theIssuesExampleChannelDeliversTheDocumentedWebhookBody() throws Exception {
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: oncall\n    type: webhook\n"
            + "    url: \"" + hook.url("/hook") + "\"\n", Map.of())) {
      corral.notifier.send(List.of("oncall"), Notifications.errorSpike("payment-gateway", 7.5, true));
      RecordingReceiver.Received got = hook.await(1).getFirst();
      assertThat(got.method()).isEqualTo("POST");
      assertThat(got.path()).isEqualTo("/hook");
      assertThat(got.header("content-type")).isEqualTo("application/json");
      assertThat(got.header(WebhookPayload.SIGNATURE_HEADER)).as("no secret, no signature").isNull();
      JsonNode body = got.json();
      // documented fields and their JSON types
      for (String text : List.of("version", "source", "channel", "rule", "status", "severity", "summary",
          "description", "runbook", "rule_link", "at")) {
        assertThat(body.path(text).isTextual()).as("%s is a string in %s", text, body).isTrue();
      }
      assertThat(body.path("test").isBoolean()).isTrue();
      assertThat(body.path("labels").isObject()).isTrue();
      assertThat(body.path("version").asText()).isEqualTo("1");
      assertThat(body.path("channel").asText()).isEqualTo("oncall");
      assertThat(body.path("rule").asText()).isEqualTo("error_spike");
      assertThat(body.path("status").asText()).isEqualTo("firing");
      JsonNode alert = body.path("alerts").get(0);
      assertThat(alert.path("status").asText()).isEqualTo("firing");
      assertThat(alert.path("group").path("service").asText()).isEqualTo("payment-gateway");
      assertThat(alert.path("value").isNumber()).isTrue();
      assertThat(alert.path("value").asDouble()).isEqualTo(7.5);
      assertThat(alert.path("starts_at").asText()).isEqualTo("2026-12-05T10:00:00Z");
      assertThat(alert.path("ends_at").isNull()).isTrue();
      assertThat(alert.path("dedup_key").asText()).isEqualTo("error_spike/service=payment-gateway");
      assertThat(alert.path("search_link").asText()).startsWith("http://corral.example.com/#/search");
      assertThat(alert.path("trace_link").asText()).contains("/trace/");
      assertThat(alert.path("details").path("errors").asInt()).isEqualTo(12);
      assertThat(corral.awaitOutcome("oncall", "delivered", 1).path("state").asText()).isEqualTo("ok");
    }
  }

  /** The signature is HMAC-SHA256 of the exact body with the secret (from ${ENV}), recomputed here; headers are sent. */
  @Test
  void webhookIsSignedWithHmacSha256AndCarriesCustomHeaders() throws Exception {
    String home = System.getenv("HOME");
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: signed\n    type: webhook\n"
            + "    url: " + hook.url("/signed") + "\n    secret: \"s3cr3t-${HOME}\"\n"
            + "    headers: {X-Team: payments, Authorization: \"Bearer token-1\"}\n", Map.of())) {
      corral.notifier.send(List.of("signed"), Notifications.errorSpike("user-auth", 9, true));
      RecordingReceiver.Received got = hook.await(1).getFirst();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(("s3cr3t-" + home).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(got.body()));
      assertThat(got.header("X-Corral-Signature-256")).isEqualTo(expected);
      assertThat(got.header("X-Team")).isEqualTo("payments");
      assertThat(got.header("Authorization")).isEqualTo("Bearer token-1");
      String listing = corral.server.get("/api/v1/alerts/channels").body();
      assertThat(listing).contains("\"target\":\"127.0.0.1:").doesNotContain("s3cr3t").doesNotContain("token-1")
          .doesNotContain("/signed");
    }
  }

  /**
   * Slack's Block Kit, as documented: top-level {@code text} string and {@code blocks} array of at most 50; a
   * header's text is plain_text of at most 150 chars; a section has a mrkdwn/plain_text {@code text} of at most 3000
   * chars or {@code fields} (at most 10, each at most 2000); a context has at most 10 elements; actions hold at most
   * 25 buttons whose text is plain_text of at most 75 chars and whose url is at most 3000 chars.
   */
  @Test
  void slackGetsBlockKitWithinTheDocumentedSchema() throws Exception {
    try (RecordingReceiver slack = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: team-slack\n    type: slack\n"
            + "    url: " + slack.url("/services/T000/B000/XXXX") + "\n", Map.of())) {
      corral.notifier.send(List.of("team-slack"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode message = slack.await(1).getFirst().json();
      assertThat(message.path("text").isTextual()).isTrue();
      JsonNode blocks = message.path("blocks");
      assertThat(blocks.isArray()).isTrue();
      assertThat(blocks.size()).isBetween(1, 50);
      Set<String> types = Set.of("header", "section", "context", "actions", "divider");
      StringBuilder allText = new StringBuilder();
      for (JsonNode block : blocks) {
        String type = block.path("type").asText();
        assertThat(types).as("block type of %s", block).contains(type);
        switch (type) {
          case "header" -> {
            assertThat(block.path("text").path("type").asText()).isEqualTo("plain_text");
            assertThat(block.path("text").path("text").asText().length()).isBetween(1, 150);
            allText.append(block.path("text").path("text").asText());
          }
          case "section" -> {
            assertThat(block.has("text") || block.has("fields")).as("section %s", block).isTrue();
            if (block.has("text")) {
              assertThat(block.path("text").path("type").asText()).isIn("mrkdwn", "plain_text");
              assertThat(block.path("text").path("text").asText().length()).isBetween(1, 3000);
              allText.append(block.path("text").path("text").asText());
            }
            if (block.has("fields")) {
              assertThat(block.path("fields").size()).isBetween(1, 10);
              for (JsonNode field : block.path("fields")) {
                assertThat(field.path("type").asText()).isIn("mrkdwn", "plain_text");
                assertThat(field.path("text").asText().length()).isBetween(1, 2000);
                allText.append(field.path("text").asText());
              }
            }
          }
          case "context" -> {
            assertThat(block.path("elements").size()).isBetween(1, 10);
          }
          case "actions" -> {
            assertThat(block.path("elements").size()).isBetween(1, 25);
            for (JsonNode button : block.path("elements")) {
              assertThat(button.path("type").asText()).isEqualTo("button");
              assertThat(button.path("text").path("type").asText()).isEqualTo("plain_text");
              assertThat(button.path("text").path("text").asText().length()).isBetween(1, 75);
              assertThat(button.path("url").asText().length()).isBetween(1, 3000);
              allText.append(" button:").append(button.path("url").asText());
            }
          }
          default -> { }
        }
      }
      // what the issue asks the message to carry: the rule, the value, the group and the links
      assertThat(allText.toString()).contains("error_spike").contains("7.5").contains("service=payment-gateway")
          .contains("http://corral.example.com/#/search").contains("button:http://corral.example.com/#/alerts/error_spike");
      assertThat(corral.server.get("/api/v1/alerts/channels").body()).doesNotContain("XXXX");
    }
  }

  /**
   * PagerDuty Events API v2: {@code routing_key} (string), {@code event_action} trigger|resolve, {@code dedup_key}
   * (string, at most 255, the same for trigger and resolve); a trigger's {@code payload} has {@code summary}
   * (string, at most 1024), {@code source} (string), {@code severity} (critical|error|warning|info) and an ISO-8601
   * {@code timestamp}; {@code links} are {href, text}.
   */
  @Test
  void pagerDutyGetsTriggerThenResolveWithOneStableDedupKey() throws Exception {
    try (RecordingReceiver pagerduty = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: pd\n    type: pagerduty\n"
            + "    url: " + pagerduty.url("/v2/enqueue") + "\n    routing_key: R0UT1NGKEY0123456789012345678901\n"
            + "    severity_map: {critical: error}\n", Map.of())) {
      pagerduty.answer(202, 202);
      corral.notifier.send(List.of("pd"), Notifications.errorSpike("payment-gateway", 7.5, true));
      corral.notifier.send(List.of("pd"), Notifications.errorSpike("payment-gateway", 1.0, false));
      List<RecordingReceiver.Received> got = pagerduty.await(2);
      JsonNode trigger = got.get(0).json();
      JsonNode resolve = got.get(1).json();
      assertThat(got.get(0).path()).isEqualTo("/v2/enqueue");
      assertThat(trigger.path("routing_key").asText()).isEqualTo("R0UT1NGKEY0123456789012345678901");
      assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
      assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
      assertThat(trigger.path("dedup_key").isTextual()).isTrue();
      assertThat(trigger.path("dedup_key").asText()).hasSizeLessThanOrEqualTo(255)
          .isEqualTo(resolve.path("dedup_key").asText()).isEqualTo("error_spike/service=payment-gateway");
      JsonNode payload = trigger.path("payload");
      assertThat(payload.path("summary").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1024).contains("error_spike");
      assertThat(payload.path("source").asText()).isEqualTo("payment-gateway");
      assertThat(payload.path("severity").asText()).as("severity_map critical -> error").isEqualTo("error");
      assertThat(OffsetDateTime.parse(payload.path("timestamp").asText())).isNotNull();
      assertThat(payload.path("custom_details").path("value").asDouble()).isEqualTo(7.5);
      for (JsonNode link : trigger.path("links")) {
        assertThat(link.path("href").asText()).startsWith("http");
        assertThat(link.path("text").isTextual()).isTrue();
      }
      assertThat(trigger.path("links").size()).isEqualTo(2);
      assertThat(resolve.path("routing_key").asText()).isEqualTo("R0UT1NGKEY0123456789012345678901");
      assertThat(corral.server.get("/api/v1/alerts/channels").body()).doesNotContain("R0UT1NGKEY");
    }
  }

  /**
   * Alertmanager's {@code POST /api/v2/alerts}: a JSON array of postable alerts, each with {@code labels} (an object
   * of string values, names matching {@code [a-zA-Z_][a-zA-Z0-9_]*}, including {@code alertname}), {@code annotations}
   * (object of strings), {@code startsAt} and (resolved) {@code endsAt} as RFC 3339, {@code generatorURL} a URL.
   */
  @Test
  void alertmanagerGetsPostableAlertsOnItsV2Api() throws Exception {
    try (RecordingReceiver alertmanager = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: am\n    type: alertmanager\n"
            + "    url: " + alertmanager.url("") + "\n", Map.of())) {
      corral.notifier.send(List.of("am"), Notifications.errorSpike("payment-gateway", 7.5, true));
      corral.notifier.send(List.of("am"), Notifications.errorSpike("payment-gateway", 1, false));
      List<RecordingReceiver.Received> got = alertmanager.await(2);
      assertThat(got.get(0).path()).isEqualTo("/api/v2/alerts");
      for (RecordingReceiver.Received request : got) {
        JsonNode alerts = request.json();
        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts.size()).isEqualTo(1);
        JsonNode alert = alerts.get(0);
        alert.path("labels").fields().forEachRemaining(label -> {
          assertThat(label.getKey()).matches("[a-zA-Z_][a-zA-Z0-9_]*");
          assertThat(label.getValue().isTextual()).isTrue();
        });
        alert.path("annotations").fields().forEachRemaining(a -> assertThat(a.getValue().isTextual()).isTrue());
        assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("error_spike");
        assertThat(alert.path("labels").path("service").asText()).isEqualTo("payment-gateway");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(OffsetDateTime.parse(alert.path("startsAt").asText())).isNotNull();
        assertThat(java.net.URI.create(alert.path("generatorURL").asText()).getScheme()).isEqualTo("http");
      }
      assertThat(got.get(0).json().get(0).has("endsAt")).as("firing: no endsAt").isFalse();
      assertThat(OffsetDateTime.parse(got.get(1).json().get(0).path("endsAt").asText()).toInstant())
          .isEqualTo(Notifications.STARTED.plusSeconds(300));
    }
  }

  /** The test action sends a test notification (test=true) and answers with its delivery; admin only; 404 unknown. */
  @Test
  void testActionDeliversATestNotificationAndReportsTheOutcome() throws Exception {
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n  - name: oncall\n    type: webhook\n"
            + "    url: " + hook.url("/hook") + "\n", Map.of())) {
      var reply = corral.server.send("POST", "/api/v1/alerts/channels/oncall/test", null);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().path("outcome").asText()).isEqualTo("delivered");
      assertThat(reply.json().path("status").asInt()).isEqualTo(200);
      JsonNode body = hook.await(1).getFirst().json();
      assertThat(body.path("test").asBoolean()).isTrue();
      assertThat(body.path("rule").asText()).isEqualTo(TestNotification.RULE);
      assertThat(corral.server.send("POST", "/api/v1/alerts/channels/nope/test", null).status()).isEqualTo(404);
      assertThat(corral.server.get("/api/v1/stats").json().path("alerts_channels").path("channels").get(0)
          .path("delivered").asInt()).isEqualTo(1);
      assertThat(corral.server.get("/metrics").body())
          .contains("corral_alert_notifications_total{channel=\"oncall\",outcome=\"delivered\"} 1.0");
    }
  }
}
