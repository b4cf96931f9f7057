package dev.corral.server.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.alerts.Notification;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery when receivers misbehave — down, slow, failing, refusing, flooded — against real receivers on
 * 127.0.0.1. Checked by the delivery log's entries and what the receivers got, never by how long anything took.
 */
class ChannelDeliveryTest {
  @TempDir
  java.nio.file.Path data;

  private static String webhook(String name, String url) {
    return "  - name: " + name + "\n    type: webhook\n    url: " + url + "\n";
  }

  private static List<String> outcomes(JsonNode channel) {
    List<String> outcomes = new ArrayList<>();
    for (JsonNode entry : channel.path("deliveries")) {
      outcomes.addFirst(entry.path("outcome").asText() + "#" + entry.path("attempt").asInt());
    }
    return outcomes;
  }

  @Test
  void anEndpointThatIsDownIsRetriedWithBackoffThenLoggedAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (ChannelsServer corral = ChannelsServer.start(data, "channels:\n"
        + webhook("down", "http://127.0.0.1:" + closedPort + "/hook"), Map.of("alerts.notify_retries", "3"))) {
      corral.notifier.send(List.of("down"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode channel = corral.awaitOutcome("down", "failed", 1);
      assertThat(outcomes(channel)).containsExactly("retrying#1", "retrying#2", "retrying#3", "failed#4");
      assertThat(channel.path("state").asText()).isEqualTo("failing");
      assertThat(channel.path("failed").asInt()).isEqualTo(1);
      JsonNode lastError = channel.path("last_error");
      assertThat(lastError.path("error").asText()).contains("127.0.0.1:" + closedPort).contains("refused");
      assertThat(lastError.path("status").asInt()).isZero();
      assertThat(corral.server.get("/metrics").body())
          .contains("corral_alert_notifications_total{channel=\"down\",outcome=\"failed\"} 1.0");
    }
  }

  @Test
  void a500IsRetriedAndTheRetrySucceeds() throws Exception {
    try (RecordingReceiver hook = new RecordingReceiver().answer(500, 503);
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("flaky", hook.url("/hook")),
            Map.of())) {
      corral.notifier.send(List.of("flaky"), Notifications.errorSpike("payment-gateway", 7.5, true));
      JsonNode channel = corral.awaitOutcome("flaky", "delivered", 1);
      assertThat(outcomes(channel)).containsExactly("retrying#1", "retrying#2", "delivered#3");
      assertThat(channel.path("deliveries").get(2).path("status").asInt()).isEqualTo(500);
      List<RecordingReceiver.Received> got = hook.received();
      assertThat(got).hasSize(3);
      assertThat(got.get(2).body()).as("a retry sends the same body").isEqualTo(got.get(0).body());
      assertThat(channel.path("state").asText()).isEqualTo("ok");
    }
  }

  @Test
  void a429IsRetriedButOther4xxAreNot() throws Exception {
    try (RecordingReceiver limited = new RecordingReceiver().answer(429);
        RecordingReceiver refusing = new RecordingReceiver().answer(400, 400, 400);
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("limited", limited.url("/h"))
            + webhook("refusing", refusing.url("/h")), Map.of())) {
      corral.notifier.send(List.of("limited", "refusing"), Notifications.errorSpike("user-auth", 9, true));
      assertThat(outcomes(corral.awaitOutcome("limited", "delivered", 1))).containsExactly("retrying#1", "delivered#2");
      JsonNode refused = corral.awaitOutcome("refusing", "failed", 1);
      assertThat(outcomes(refused)).containsExactly("failed#1");
      assertThat(refused.path("last_error").path("status").asInt()).isEqualTo(400);
      assertThat(refused.path("last_error").path("error").asText()).contains("HTTP 400").contains("refused");
      assertThat(refusing.received()).hasSize(1);
    }
  }

  @Test
  void aSlowEndpointTimesOutAndDoesNotHoldBackOtherChannels() throws Exception {
    try (RecordingReceiver slow = new RecordingReceiver(); RecordingReceiver fast = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("slow", slow.url("/h"))
            + webhook("fast", fast.url("/h")), Map.of("alerts.notify_timeout", "200ms", "alerts.notify_retries", "1"))) {
      slow.hold();
      for (int i = 0; i < 3; i++) {
        corral.notifier.send(List.of("slow", "fast"), Notifications.errorSpike("svc-" + i, i, true));
      }
      assertThat(fast.await(3)).hasSize(3);
      assertThat(corral.awaitOutcome("fast", "delivered", 3).path("failed").asInt()).isZero();
      JsonNode channel = corral.awaitOutcome("slow", "failed", 1);
      assertThat(outcomes(channel).subList(0, 2)).containsExactly("retrying#1", "failed#2");
      assertThat(channel.path("last_error").path("error").asText()).contains("no response").contains("200 ms");
      slow.release();
    }
  }

  @Test
  void aFloodIsRateLimitedAndTheExcessGroupedIntoOneSummary() throws Exception {
    int flood = 60;
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("oncall", hook.url("/h")),
            Map.of("alerts.notify_max_per_minute", "20"))) {
      for (int i = 0; i < flood; i++) {
        corral.notifier.send(List.of("oncall"), Notifications.errorSpike("svc-" + i, i, true));
      }
      Map<String, Integer> seen = new HashMap<>();
      List<JsonNode> summaries = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (seen.size() < flood && System.currentTimeMillis() < deadline) {
        seen.clear();
        summaries.clear();
        for (RecordingReceiver.Received request : hook.received()) {
          JsonNode body = request.json();
          if (body.path("summary").asText().contains("grouped by the rate limit of channel oncall")) {
            summaries.add(body);
          }
          body.path("alerts").forEach(alert -> seen.merge(alert.path("dedup_key").asText(), 1, Integer::sum));
        }
        Thread.sleep(50);
      }
      assertThat(seen).as("every instance reaches the receiver").hasSize(flood);
      assertThat(seen.values()).as("each exactly once").containsOnly(1);
      int messages = hook.received().size();
      assertThat(messages).as("at most the burst of 20 plus summaries").isLessThan(flood);
      assertThat(summaries).isNotEmpty();
      JsonNode summary = summaries.getFirst();
      assertThat(summary.path("rule").asText()).isEqualTo("error_spike");
      assertThat(summary.path("alerts").size()).isGreaterThan(1);
      assertThat(summary.path("alerts").get(0).path("labels").path("alertname").asText()).isEqualTo("error_spike");
      JsonNode channel = corral.channel("oncall");
      assertThat(channel.path("grouped").asInt() + channel.path("delivered").asInt() - summaries.size())
          .as("grouped notifications + those sent alone = the flood").isEqualTo(flood);
    }
  }

  @Test
  void aFullQueueDropsWithACountInsteadOfBlocking() throws Exception {
    try (RecordingReceiver stuck = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("stuck", stuck.url("/h")),
            Map.of("alerts.notify_queue", "2", "alerts.notify_timeout", "30s"))) {
      stuck.hold();
      corral.notifier.send(List.of("stuck"), Notifications.errorSpike("first", 1, true));
      stuck.await(1); // the worker is now inside the first delivery, held by the receiver
      for (int i = 0; i < 10; i++) {
        corral.notifier.send(List.of("stuck"), Notifications.errorSpike("svc-" + i, i, true));
      }
      JsonNode channel = corral.channel("stuck");
      assertThat(channel.path("queued").asInt()).isEqualTo(2);
      assertThat(channel.path("dropped").asInt()).isEqualTo(8);
      assertThat(channel.path("last_error").isNull()).isTrue();
      assertThat(channel.path("deliveries").get(0).path("error").asText()).contains("queue full (2");
      assertThat(corral.server.get("/metrics").body())
          .contains("corral_alert_notifications_total{channel=\"stuck\",outcome=\"dropped\"} 8.0");
      stuck.release();
      assertThat(corral.awaitOutcome("stuck", "delivered", 3).path("delivered").asInt()).isEqualTo(3);
    }
  }

  /**
   * Outbound calls go only to the configured URLs: a notification whose links, runbook and labels all point at a
   * canary receiver reaches every HTTP channel type while the canary gets nothing, and a receiver's redirect to the
   * canary is refused (not followed, not retried).
   */
  @Test
  void nothingInANotificationChoosesWhereCorralConnects() throws Exception {
    try (RecordingReceiver canary = new RecordingReceiver(); RecordingReceiver receiver = new RecordingReceiver();
        RecordingReceiver redirecting = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("hook", receiver.url("/hook"))
            + "  - {name: slack, type: slack, url: \"" + receiver.url("/slack") + "\"}\n"
            + "  - {name: pd, type: pagerduty, url: \"" + receiver.url("/pd") + "\", routing_key: k}\n"
            + "  - {name: am, type: alertmanager, url: \"" + receiver.url("") + "\"}\n"
            + webhook("moved", redirecting.url("/old")), Map.of("alerts.notify_retries", "3"))) {
      redirecting.redirectTo(canary.url("/stolen"));
      String bait = canary.url("/bait");
      dev.corral.server.alerts.NotifiedAlert alert = new dev.corral.server.alerts.NotifiedAlert(
          Map.of("service", bait), Map.of("url", bait, "webhook", bait), "firing", 1, Notifications.STARTED, null,
          "k", bait, bait, Map.of("url", bait));
      corral.notifier.send(List.of("hook", "slack", "pd", "am", "moved"), new Notification("r", "critical", bait,
          bait, bait, Map.of("callback", bait), List.of(alert), bait, Notifications.STARTED, false));
      for (String channel : List.of("hook", "slack", "pd", "am")) {
        corral.awaitOutcome(channel, "delivered", 1);
      }
      JsonNode moved = corral.awaitOutcome("moved", "failed", 1);
      assertThat(outcomes(moved)).as("a redirect is not retried").containsExactly("failed#1");
      assertThat(moved.path("last_error").path("error").asText()).contains("HTTP 302")
          .contains("redirects are not followed");
      assertThat(receiver.received()).extracting(RecordingReceiver.Received::path)
          .containsExactlyInAnyOrder("/hook", "/slack", "/pd", "/api/v2/alerts");
      assertThat(canary.received()).isEmpty();
    }
  }

  @Test
  void aNotificationForAnUnknownChannelIsCountedAndTheOthersStillGo() throws Exception {
    try (RecordingReceiver hook = new RecordingReceiver();
        ChannelsServer corral = ChannelsServer.start(data, "channels:\n" + webhook("oncall", hook.url("/h")),
            Map.of())) {
      Notification notification = Notifications.errorSpike("payment-gateway", 7.5, true);
      corral.notifier.send(List.of("nope", "oncall"), notification);
      assertThat(hook.await(1)).hasSize(1);
      assertThat(corral.server.get("/api/v1/alerts/channels").json().path("unknown_channels").path("nope").asInt())
          .isEqualTo(1);
      assertThat(corral.server.get("/metrics").body())
          .contains("corral_alert_notifications_total{channel=\"nope\",outcome=\"unknown_channel\"} 1.0");
    }
  }
}
