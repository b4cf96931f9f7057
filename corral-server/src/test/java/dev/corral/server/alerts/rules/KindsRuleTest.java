package dev.corral.server.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace, baseline, absence and match rules end to end against a real server on a moved clock. */
class KindsRuleTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));

  @TempDir
  Path data;

  @Test
  void aTraceWithErrorsInMoreThanTwoServicesIsNamedWithItsServices() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("cross_service_failure.yaml", """
          name: cross_service_failure
          kind: trace
          query: "level:ERROR"
          every: 1m
          window: 5m
          settings: {trace_field: trace_id, min_services: 2}
          """);
      rules.sink.awaitAt("cross_service_failure", T0);
      Instant at = T0.minusSeconds(30);
      String events = RulesServer.event(at, "gateway", "ERROR", "upstream failed", "\"trace_id\":\"t1\"")
          + RulesServer.event(at, "payments", "ERROR", "card declined", "\"trace_id\":\"t1\"")
          + RulesServer.event(at, "ledger", "ERROR", "write failed", "\"trace_id\":\"t1\"")
          + RulesServer.event(at, "ledger", "ERROR", "retry failed", "\"trace_id\":\"t1\"")
          + RulesServer.event(at, "gateway", "ERROR", "upstream failed", "\"trace_id\":\"t2\"")
          + RulesServer.event(at, "payments", "ERROR", "timeout", "\"trace_id\":\"t2\"")
          + RulesServer.event(at, "auth", "INFO", "ok", "\"trace_id\":\"t2\"")
          + RulesServer.event(at, "auth", "INFO", "ok", "\"trace_id\":\"t1\"");
      rules.server.ingest(events);
      rules.server.awaitTotal("*", 8);

      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation evaluation = rules.sink.awaitAt("cross_service_failure", T0.plusSeconds(60));

      assertThat(evaluation.error()).isEmpty();
      assertThat(evaluation.observations()).hasSize(1);
      Observation observation = evaluation.observations().get(0);
      assertThat(observation.group()).isEmpty();
      assertThat(observation.value()).isEqualTo(1.0);
      assertThat(observation.details()).containsEntry("worst_trace", "t1").containsEntry("trace_count", 1);
      assertThat(observation.details().get("traces")).isEqualTo(List.of(
          Map.of("trace_id", "t1", "services", List.of("gateway", "ledger", "payments"), "errors", 4L)));
      assertThat(evaluation.value()).isEqualTo(3.0);
    }
  }

  @Test
  void aPercentileAboveTwiceItsPreviousHourFiresAndTooFewEventsNeverDo() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("performance_degradation.yaml", """
          name: performance_degradation
          kind: baseline
          query: "*"
          every: 1m
          window: 5m
          group_by: [service]
          settings: {field: duration_ms, percentile: p95, factor: 2, reference: previous_hour, min_events: 20}
          """);
      rules.sink.awaitAt("performance_degradation", T0);
      StringBuilder events = new StringBuilder();
      Instant before = T0.minus(Duration.ofMinutes(30));
      Instant now = T0.minusSeconds(60);
      for (int i = 0; i < 25; i++) {
        for (String service : List.of("checkout", "search", "fresh")) {
          if (!service.equals("fresh")) {
            events.append(RulesServer.event(before, service, "INFO", "served", "\"duration_ms\":100"));
          }
        }
        events.append(RulesServer.event(now, "checkout", "INFO", "served", "\"duration_ms\":500"));
        events.append(RulesServer.event(now, "search", "INFO", "served", "\"duration_ms\":150"));
        events.append(RulesServer.event(now, "fresh", "INFO", "served", "\"duration_ms\":900"));
      }
      for (int i = 0; i < 5; i++) { // too few events now to be judged, however slow
        events.append(RulesServer.event(before, "rare", "INFO", "served", "\"duration_ms\":10"));
      }
      for (int i = 0; i < 19; i++) {
        events.append(RulesServer.event(now, "rare", "INFO", "served", "\"duration_ms\":9000"));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 25 * 5 + 5 + 19);

      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation evaluation = rules.sink.awaitAt("performance_degradation", T0.plusSeconds(60));

      assertThat(evaluation.error()).isEmpty();
      assertThat(evaluation.observations()).extracting(Observation::group).containsExactly(Map.of("service", "checkout"));
      Observation checkout = evaluation.observations().get(0);
      assertThat(checkout.value()).isEqualTo(500.0);
      assertThat(checkout.details()).containsEntry("baseline", 100.0).containsEntry("ratio", 5.0);
      assertThat(evaluation.rows()).isEqualTo(4); // checkout, search, fresh (no baseline), rare (too few)
    }
  }

  @Test
  void aServiceSeenInTheLookbackButSilentInTheWindowIsAbsent() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("dead_service.yaml", """
          name: dead_service
          kind: absence
          query: "*"
          every: 1m
          window: 5m
          group_by: [service]
          settings: {lookback: 1h}
          """);
      rules.write("no_heartbeat.yaml", """
          name: no_heartbeat
          kind: absence
          query: "service:heartbeat"
          every: 1m
          window: 5m
          """);
      rules.sink.awaitAt("dead_service", T0);
      String events = RulesServer.event(T0.minus(Duration.ofMinutes(30)), "payments", "INFO", "alive", "")
          + RulesServer.event(T0.minus(Duration.ofMinutes(30)), "auth", "INFO", "alive", "")
          + RulesServer.event(T0.minusSeconds(60), "auth", "INFO", "alive", "")
          + RulesServer.event(T0.minus(Duration.ofHours(3)), "ancient", "INFO", "gone long ago", "");
      rules.server.ingest(events);
      rules.server.awaitTotal("*", 4);

      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation dead = rules.sink.awaitAt("dead_service", T0.plusSeconds(60));
      Evaluation heartbeat = rules.sink.awaitAt("no_heartbeat", T0.plusSeconds(60));

      assertThat(dead.error()).isEmpty();
      assertThat(dead.observations()).extracting(Observation::group).containsExactly(Map.of("service", "payments"));
      assertThat(heartbeat.observations()).extracting(Observation::group).containsExactly(Map.of());
    }
  }

  @Test
  void matchingEventsOnTheStreamAreReportedOncePerThrottleWithTheirCount() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("out_of_memory.yaml", """
          name: out_of_memory
          kind: match
          query: "OutOfMemoryError"
          every: 1m
          settings: {throttle: 1m, sample: 2}
          """);
      rules.awaitLoaded("out_of_memory");
      rules.server.ingest(RulesServer.event(T0, "ledger", "ERROR", "heap gone: OutOfMemoryError", "")
          + RulesServer.event(T0, "ledger", "INFO", "fine", "")
          + RulesServer.event(T0, "ledger", "ERROR", "again OutOfMemoryError", "")
          + RulesServer.event(T0, "auth", "ERROR", "OutOfMemoryError in auth", ""));
      Evaluation first = rules.sink.await("out_of_memory", evaluation -> !evaluation.observations().isEmpty());
      assertThat(first.observations().get(0).value()).isEqualTo(3.0);
      assertThat((List<?>) first.observations().get(0).details().get("events")).hasSize(2);

      rules.server.ingest(RulesServer.event(T0, "ledger", "ERROR", "OutOfMemoryError once more", ""));
      rules.server.awaitTotal("*", 5);
      assertThat(rules.sink.of("out_of_memory")).hasSize(1); // throttled: the clock has not moved
      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation second = rules.sink.awaitAt("out_of_memory", T0.plusSeconds(60));
      assertThat(second.observations().get(0).value()).isEqualTo(1.0);

      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation clear = rules.sink.awaitAt("out_of_memory", T0.plusSeconds(120));
      assertThat(clear.observations()).isEmpty();
    }
  }

  @Test
  void aMatchRuleCountsAuditEventsButNeverSamplesThem() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0, Map.of("audit.enabled", "true"), 2, Duration.ofSeconds(30),
        1000)) {
      rules.write("refusals.yaml", """
          name: refusals
          kind: match
          query: "denied"
          every: 1m
          settings: {throttle: 1m, sample: 5}
          """);
      rules.awaitLoaded("refusals");
      rules.server.search("denied"); // its audit event says query="denied"
      Evaluation audited = rules.sink.await("refusals", evaluation -> !evaluation.observations().isEmpty());
      assertThat(audited.observations().get(0).value()).as("the audit event is counted").isEqualTo(1.0);
      assertThat((List<?>) audited.observations().get(0).details().get("events"))
          .as("alert instances reach read keys and channels: no audit event in the sample").isEmpty();

      rules.server.ingest(RulesServer.event(T0, "web", "ERROR", "access denied", ""));
      rules.server.awaitTotal("service:web", 1); // (the audit events of these searches match the rule too)
      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation ordinary = rules.sink.awaitAt("refusals", T0.plusSeconds(60));
      assertThat((List<?>) ordinary.observations().get(0).details().get("events")).singleElement().asString()
          .contains("access denied");
    }
  }
}
