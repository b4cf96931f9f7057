package dev.corral.server.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.alerts.Evaluation;
import dev.corral.store.ThreadHeldQueries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule evaluation never starves interactive queries: rules run in their own pool and query lane;
 * and many rules all get evaluated.
 */
class EvaluationIsolationTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
  private static final String RULE = """
      name: %s
      query: "level:ERROR | stats count() as errors by service"
      every: 30s
      window: 2m
      condition: "errors > %d"
      """;

  @TempDir
  Path data;

  @Test
  void aRuleStuckInItsQueryDoesNotDelayInteractiveSearches() throws Exception {
    // one interactive slot and no waiting line: a rule taking it would make the search below fail with 429
    try (RulesServer rules = RulesServer.start(data, T0, Map.of("search.max_concurrent", "1", "search.max_queued", "0"),
        1, Duration.ofMinutes(5), 1000)) {
      rules.server.ingest(RulesServer.event(T0.minusSeconds(30), "payments", "ERROR", "declined", ""));
      rules.server.awaitTotal("*", 1);
      try (ThreadHeldQueries held = new ThreadHeldQueries(rules.store.get(), "corral-query-alerts-")) {
        rules.write("stuck.yaml", RULE.formatted("stuck", 0));
        held.awaitHolding();
        for (int i = 0; i < 5; i++) {
          // a 429 right after the previous search is the lane's own hand-over (its one thread not yet idle);
          // a rule holding the slot would make every try fail until the bound
          dev.corral.server.Await.until("an interactive search answered while the rule is stuck", () -> {
            TestServer.Reply search = rules.server.get("/api/v1/search?q=level%3AERROR");
            return search.status() == 200 && search.json().path("total").asLong() == 1;
          });
        }
        assertThat(rules.server.get("/api/v1/stats").json().path("alerts_rules").path("lane").path("running").asInt())
            .isEqualTo(1);
        assertThat(rules.sink.of("stuck")).isEmpty();
        held.release();
        Evaluation evaluation = rules.sink.awaitAt("stuck", T0);
        assertThat(evaluation.observations()).hasSize(1);
      }
    }
  }

  @Test
  void anEvaluationPastItsBudgetFailsWithTheReasonAndTheNextOneRuns() throws Exception {
    Duration budget = Duration.ofMillis(200);
    try (RulesServer rules = RulesServer.start(data, T0, Map.of(), 1, budget, 1000)) {
      rules.server.ingest(RulesServer.event(T0.minusSeconds(30), "payments", "ERROR", "declined", ""));
      rules.server.awaitTotal("*", 1);
      try (ThreadHeldQueries held = new ThreadHeldQueries(rules.store.get(), "corral-query-alerts-")) {
        rules.write("slow.yaml", RULE.formatted("slow", 0));
        held.awaitHolding();
        Thread.sleep(budget.toMillis() * 2); // the held query's budget is certainly spent once released
        held.release();
        Evaluation timedOut = rules.sink.awaitAt("slow", T0);
        assertThat(timedOut.error()).hasValueSatisfying(reason -> assertThat(reason)
            .contains("time budget of 200ms (alerts.eval_timeout)"));
        assertThat(timedOut.observations()).isEmpty();
      }
      rules.clock.advance(Duration.ofSeconds(30));
      Evaluation next = rules.sink.awaitAt("slow", T0.plusSeconds(30));
      assertThat(next.error()).isEmpty();
      assertThat(next.observations()).hasSize(1);
      assertThat(rules.server.get("/metrics").body())
          .contains("corral_alert_evaluations_total{outcome=\"failed\",rule=\"slow\"} 1.0")
          .contains("corral_alert_evaluations_total{outcome=\"satisfied\",rule=\"slow\"} 1.0");
    }
  }

  @Test
  void twoHundredThresholdRulesAreEachEvaluatedEveryPeriod() throws Exception {
    int count = 200;
    try (RulesServer rules = RulesServer.start(data, T0)) {
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        events.append(RulesServer.event(T0.minusSeconds(30), "service-" + (i % 10), i % 3 == 0 ? "ERROR" : "INFO",
            "event " + i, ""));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 50);
      for (int i = 0; i < count; i++) {
        rules.write("rule_" + i + ".yaml", RULE.formatted("rule_" + i, i % 4));
      }
      dev.corral.server.Await.until(count + " rules loaded", () -> rules.server.get("/api/v1/stats").json()
          .path("alerts_rules").path("rules").asInt() == count);
      rules.clock.advance(Duration.ofSeconds(30));
      for (int i = 0; i < count; i++) {
        Evaluation evaluation = rules.sink.awaitAt("rule_" + i, T0.plusSeconds(30));
        assertThat(evaluation.error()).as("rule_" + i).isEmpty();
        // 17 errors over 10 services: 2 each for 7 of them, 1 each for the other 3
        long expected = switch (i % 4) {
          case 0 -> 10;
          case 1 -> 7;
          default -> 0;
        };
        assertThat(evaluation.observations()).as("rule_" + i).hasSize((int) expected);
      }
    }
  }
}
