package dev.corral.server.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threshold and ratio rules end to end: events ingested over HTTP with explicit timestamps, the
 * rule file dropped in the alerts directory, the clock moved by {@code every}, the evaluation the
 * sink receives checked row by row.
 */
class ThresholdRuleTest {
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

  @TempDir
  Path data;

  @Test
  void eachGroupOverTheConditionInTheWindowIsOneInstance() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("errors_by_service.yaml", """
          name: errors_by_service
          query: "level:ERROR | stats count() as errors by service"
          every: 30s
          window: 2m
          condition: "errors > 5"
          labels: {severity: critical}
          """);
      rules.sink.awaitAt("errors_by_service", T0);
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        events.append(RulesServer.event(T0.minusSeconds(60 - i), "payments", "ERROR", "declined", ""));
      }
      for (int i = 0; i < 3; i++) {
        events.append(RulesServer.event(T0.minusSeconds(50 - i), "auth", "ERROR", "refused", ""));
      }
      for (int i = 0; i < 20; i++) {
        events.append(RulesServer.event(T0.minusSeconds(40 - i), "auth", "INFO", "ok", ""));
      }
      // outside the window evaluated at T0+30s ([T0-90s, T0+30s)): before it, and after it
      events.append(RulesServer.event(T0.minusSeconds(100), "auth", "ERROR", "old", ""));
      for (int i = 0; i < 6; i++) {
        events.append(RulesServer.event(T0.plusSeconds(31 + i), "auth", "ERROR", "later", ""));
      }
      assertThat(rules.server.ingest(events.toString()).status()).isEqualTo(200);
      rules.server.awaitTotal("*", 38);

      rules.clock.advance(Duration.ofSeconds(30));
      Evaluation evaluation = rules.sink.awaitAt("errors_by_service", T0.plusSeconds(30));

      assertThat(evaluation.error()).isEmpty();
      assertThat(evaluation.from()).isEqualTo(T0.minusSeconds(90));
      assertThat(evaluation.to()).isEqualTo(T0.plusSeconds(30));
      assertThat(evaluation.rows()).isEqualTo(2);
      assertThat(evaluation.value()).isEqualTo(8.0);
      assertThat(evaluation.observations()).extracting(Observation::group).containsExactly(Map.of("service", "payments"));
      assertThat(evaluation.observations().get(0).value()).isEqualTo(8.0);
      assertThat(evaluation.capped()).isFalse();
    }
  }

  @Test
  void aRatioIsAFloatingPointConditionOverTheRows() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("error_ratio.yaml", """
          name: error_ratio
          kind: ratio
          query: "* | stats count() as total, avg(is_error) as error_rate by service"
          every: 30s
          window: 2m
          condition: "error_rate > 0.05"
          """);
      rules.sink.awaitAt("error_ratio", T0);
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 100; i++) { // payments: 6 errors in 100 (6 %), auth: 4 in 100 (4 %)
        events.append(RulesServer.event(T0.minusSeconds(60), "payments", i < 6 ? "ERROR" : "INFO", "p",
            "\"is_error\":" + (i < 6 ? 1 : 0)));
        events.append(RulesServer.event(T0.minusSeconds(60), "auth", i < 4 ? "ERROR" : "INFO", "a",
            "\"is_error\":" + (i < 4 ? 1 : 0)));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 200);

      rules.clock.advance(Duration.ofSeconds(30));
      Evaluation evaluation = rules.sink.awaitAt("error_ratio", T0.plusSeconds(30));

      assertThat(evaluation.error()).isEmpty();
      assertThat(evaluation.observations()).hasSize(1);
      assertThat(evaluation.observations().get(0).group()).isEqualTo(Map.of("service", "payments"));
      assertThat(evaluation.observations().get(0).value()).isEqualTo(0.06);
      assertThat(evaluation.rows()).isEqualTo(2);
    }
  }

  /** The issue's own file, as written: {@code count(filter)} and {@code eval} in the query language. */
  @Test
  void theIssuesErrorSpikeFileFiresForTheServiceOverFivePercent() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0)) {
      rules.write("channels.yaml", "channels:\n  - name: oncall\n    type: webhook\n    url: \"http://127.0.0.1:9999/hook\"\n");
      rules.write("error_spike.yaml", """
          name: error_spike
          query: "* | stats count() as total, count(level:ERROR) as errors by service | eval error_rate = errors / total * 100"
          every: 30s
          window: 2m
          condition: "error_rate > 5"
          for: 2m
          labels: {severity: critical}
          channels: [oncall]
          """);
      rules.sink.awaitAt("error_spike", T0);
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        events.append(RulesServer.event(T0.minusSeconds(60), "payments", i < 6 ? "ERROR" : "INFO", "p", ""));
        events.append(RulesServer.event(T0.minusSeconds(60), "auth", i < 4 ? "ERROR" : "INFO", "a", ""));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 200);
      rules.clock.advance(Duration.ofSeconds(30));
      Evaluation evaluation = rules.sink.awaitAt("error_spike", T0.plusSeconds(30));
      assertThat(evaluation.observations()).extracting(Observation::group).containsExactly(Map.of("service", "payments"));
      assertThat(evaluation.observations().get(0).value()).isEqualTo(6.0);
    }
  }

  @Test
  void instancesBeyondTheCapAreCutAndTheEvaluationSaysSo() throws Exception {
    try (RulesServer rules = RulesServer.start(data, T0, Map.of(), 2, Duration.ofSeconds(30), 3)) {
      rules.write("any_errors.yaml", """
          name: any_errors
          query: "level:ERROR | stats count() as errors by service"
          every: 1m
          window: 5m
          condition: "errors > 0"
          """);
      rules.sink.awaitAt("any_errors", T0);
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        events.append(RulesServer.event(T0.minusSeconds(30), "service-" + i, "ERROR", "boom", ""));
      }
      rules.server.ingest(events.toString());
      rules.server.awaitTotal("*", 5);
      rules.clock.advance(Duration.ofMinutes(1));
      Evaluation evaluation = rules.sink.awaitAt("any_errors", T0.plusSeconds(60));
      assertThat(evaluation.rows()).isEqualTo(5);
      assertThat(evaluation.observations()).hasSize(3);
      assertThat(evaluation.capped()).isTrue();
    }
  }
}
