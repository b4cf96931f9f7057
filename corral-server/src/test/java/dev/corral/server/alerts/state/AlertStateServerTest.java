package dev.corral.server.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.NotifiedAlert;
import dev.corral.server.alerts.Observation;
import dev.corral.server.alerts.RuleKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert states in a real server: evaluations fed to the server's own {@link AlertStateService}
 * (as {@code alerts.rules} will), notifications recorded, the API, the history searched over HTTP,
 * and a real restart on the same data directory.
 */
class AlertStateServerTest {
  private static final String QUERY = "* | stats count() as total, count(level:ERROR) as errors by service"
      + " | eval error_rate = errors / total * 100";
  private static final AlertRule ERROR_SPIKE = new AlertRule("error_spike", RuleKind.RATIO, QUERY,
      Duration.ofSeconds(30), Duration.ofMinutes(2), "error_rate > 5", Duration.ZERO, Duration.ZERO, Duration.ZERO,
      Map.of("severity", "critical"), List.of("service"), List.of("oncall"), "error rate above 5 %", "", Map.of(),
      true);

  @TempDir
  Path data;

  /** A server whose alert state service the test feeds directly. */
  private record Fed(TestServer server, AlertStateService alerts, RecordingNotifier notifier) implements AutoCloseable {
    void evaluate(Instant at, Observation... rows) {
      alerts.accept(ERROR_SPIKE, new Evaluation(ERROR_SPIKE.name(), at, at.minus(ERROR_SPIKE.window()), at,
          List.of(rows), rows.length, rows.length == 0 ? Double.NaN : rows[0].value(), false, Optional.empty(),
          Duration.ofMillis(12)));
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private Fed start() throws IOException {
    RecordingNotifier notifier = new RecordingNotifier();
    AtomicReference<AlertStateService> alerts = new AtomicReference<>();
    // the test feeds the evaluations itself: no rule files, so no rules service telling the states its (empty) rule set
    TestServer server = TestServer.startWithAlertNotifier(data, Map.of("alerts.enabled", "false"), notifier,
        services -> {
          services.stream().filter(AlertStateService.class::isInstance).map(AlertStateService.class::cast)
              .forEach(alerts::set);
          return () -> "test-evaluations";
        });
    alerts.get().rulesLoaded(List.of(ERROR_SPIKE));
    return new Fed(server, alerts.get(), notifier);
  }

  private static Observation row(String service, double rate) {
    return new Observation(Map.of("service", service), rate, Map.of("worst_trace", "trace-" + service));
  }

  @Test
  void firingAlertsAreNotifiedListedSearchableAndSurviveARestart() throws Exception {
    Instant at = Instant.now();
    String startsAt;
    try (Fed fed = start()) {
      fed.evaluate(at, row("payment-gateway", 7.5), row("user-auth", 6));
      assertThat(fed.notifier().notifications()).singleElement().satisfies(n -> {
        assertThat(n.summary()).isEqualTo("error_spike firing for 2 groups (payment-gateway, user-auth)");
        NotifiedAlert first = n.alerts().getFirst();
        assertThat(first.searchLink()).startsWith(fed.server().uri("/#/search?q=").toString());
        assertThat(first.traceLink()).startsWith(fed.server().uri("/#/trace/trace-payment-gateway?from=").toString());
      });
      JsonNode instances = fed.server().get("/api/v1/alerts/instances?state=firing").json().path("instances");
      assertThat(instances).hasSize(2);
      assertThat(instances.get(0).path("rule").asText()).isEqualTo("error_spike");
      assertThat(instances.get(0).path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(instances.get(0).path("links").path("search").asText()).contains("/#/search?q=");
      startsAt = instances.get(0).path("starts_at").asText();
      assertThat(startsAt).isEqualTo(at.toString());

      fed.server().awaitTotal("logtype:alert rule:error_spike event:transition", 2);
      JsonNode byState = fed.server().search("logtype:alert rule:error_spike | stats count() by state");
      assertThat(byState.toString()).contains("firing");
      fed.server().awaitTotal("logtype:alert service:corral-alerts event:evaluation outcome:ok", 1);

      JsonNode stats = fed.server().get("/api/v1/stats").json().path("alerts_state");
      assertThat(stats.path("instances").path("firing").asLong()).isEqualTo(2);
      assertThat(stats.path("notifications_sent").asLong()).isEqualTo(1);
      assertThat(fed.server().get("/metrics").body()).contains("corral_alerts_instances{state=\"firing\"} 2.0");
    }
    try (Fed restarted = start()) {
      restarted.evaluate(at.plusSeconds(30), row("payment-gateway", 8), row("user-auth", 6));
      assertThat(restarted.notifier().notifications()).as("no second page after a restart").isEmpty();
      JsonNode instances = restarted.server().get("/api/v1/alerts/instances").json().path("instances");
      assertThat(instances).hasSize(2);
      assertThat(instances.get(0).path("starts_at").asText()).isEqualTo(startsAt);
      restarted.evaluate(at.plusSeconds(60), row("user-auth", 6));
      assertThat(restarted.notifier().notifications()).singleElement()
          .satisfies(n -> assertThat(n.summary()).isEqualTo("error_spike resolved for 1 group (payment-gateway)"));
    }
  }

  @Test
  void silencesAreCreatedListedAppliedAndDeletedThroughTheApi() throws Exception {
    try (Fed fed = start()) {
      TestServer server = fed.server();
      assertBadRequest(server, "{\"matchers\": [{\"name\": \"service\", \"op\": \"~~\", \"value\": \"x\"}], "
          + "\"duration\": \"1h\"}", "matchers[0].op");
      assertBadRequest(server, "{\"matchers\": [{\"name\": \"service\", \"op\": \"=~\", \"value\": \"pay(\"}], "
          + "\"duration\": \"1h\"}", "matchers[0].value");
      assertBadRequest(server, "{\"matchers\": [{\"name\": \"service\", \"value\": \"x\"}], "
          + "\"ends_at\": \"2020-01-01T00:00:00Z\"}", "ends_at");
      assertBadRequest(server, "{\"matchers\": [", "$");
      String huge = "{\"comment\": \"" + "x".repeat(SilencesHandler.MAX_BODY_BYTES) + "\"}";
      assertThat(server.send("POST", "/api/v1/alerts/silences", huge).status()).isEqualTo(413);

      TestServer.Reply created = server.send("POST", "/api/v1/alerts/silences", "{\"matchers\": [{\"name\": "
          + "\"service\", \"op\": \"=~\", \"value\": \"payment-.*\"}], \"duration\": \"2h\", \"comment\": \"deploy\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().path("id").asText();
      assertThat(created.json().path("status").asText()).isEqualTo("active");

      fed.evaluate(Instant.now(), row("payment-gateway", 9), row("user-auth", 9));
      assertThat(fed.notifier().notifications()).singleElement()
          .satisfies(n -> assertThat(n.summary()).isEqualTo("error_spike firing for 1 group (user-auth)"));
      List<String> silencedBy = new ArrayList<>();
      server.get("/api/v1/alerts/instances").json().path("instances")
          .forEach(instance -> silencedBy.add(instance.path("group").path("service").asText() + ":"
              + instance.path("silenced_by").asText("none")));
      assertThat(silencedBy).containsExactlyInAnyOrder("payment-gateway:" + id, "user-auth:none");

      assertThat(server.get("/api/v1/alerts/silences").json().path("silences")).hasSize(1);
      assertThat(server.get("/api/v1/alerts/instances?state=burning").status()).isEqualTo(400);
      assertThat(server.send("DELETE", "/api/v1/alerts/silences/" + id, null).status()).isEqualTo(204);
      assertThat(server.send("DELETE", "/api/v1/alerts/silences/" + id, null).status()).isEqualTo(404);
      assertThat(server.get("/api/v1/alerts/silences").json().path("silences")).isEmpty();
    }
  }

  private static void assertBadRequest(TestServer server, String body, String field) {
    TestServer.Reply reply = server.send("POST", "/api/v1/alerts/silences", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("field").asText()).isEqualTo(field);
  }
}
