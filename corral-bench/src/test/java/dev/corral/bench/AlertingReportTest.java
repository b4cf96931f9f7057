package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingReportTest {
  @TempDir Path tmp;

  static AlertFigures figures() {
    AlertFigures.Phase ingest = new AlertFigures.Phase("ingest", 40, 70, 2, 1_500, 3, 1,
        List.of(new AlertFigures.RuleCost("200 threshold rules", 1_450, 3, 12, 95, 410, 20.5)));
    AlertFigures.Phase soak = new AlertFigures.Phase("soak", 120, 30, 2, 812, 0, 0,
        List.of(new AlertFigures.RuleCost("200 threshold rules", 800, 0, 8, 40, 80, 11.25),
            new AlertFigures.RuleCost("cross_service_failure", 2, 0, 30, 31, 31, 30.5)));
    return new AlertFigures(200, 4, 204, 0, 406, Duration.ofHours(1), ingest, soak,
        List.of(new AlertFigures.WindowEvents(Duration.ofMinutes(5), 27_800, 27_650)));
  }

  @Test
  void theSectionShowsEachPhaseTheCostOfEachRuleSetAndTheEventsPerWindow() {
    String md = AlertingReport.render(figures());

    assertThat(md).startsWith("## Alerting\n")
        .contains("the server loaded 204 and refused 0; due 406.0 evaluations per minute; windows end alerts.lag = 1h")
        .contains("| Figure | ingest | soak |")
        .contains("| Evaluations done (server counter) | 1,500 | 812 |")
        .contains("| Evaluations per minute (due: 406.0) | 2250.0 | 406.0 |")
        .contains("| Evaluations failed / over the time budget | 3 / 1 | 0 / 0 |")
        .contains("| Evaluation threads busy (sum of evaluation times / wall time) | 0.743 | 0.076 |")
        .contains("| Server CPU share of one core | 1.750 | 0.250 |")
        .contains("| Server CPU share of all 2 cores | 0.875 | 0.125 |")
        .contains("| 200 threshold rules | soak | 800 | 0 | 8 | 40 | 80 | 11.3 |")
        .contains("| cross_service_failure | soak | 2 | 0 | 30 | 31 | 31 | 30.5 |")
        .contains("| 5m | 27,800 | 27,650 |");
  }

  @Test
  void withoutASoakOnlyTheIngestColumnAndAnUnknownCpuIsNa() {
    AlertFigures full = figures();
    AlertFigures.Phase unknownCpu = new AlertFigures.Phase("ingest", 40, -1, 2, 10, 0, 0, List.of());
    String md = AlertingReport.render(new AlertFigures(1, 0, 1, 0, 2, full.lag(), unknownCpu, null, List.of()));

    assertThat(md).contains("| Figure | ingest |\n|---|---:|\n")
        .contains("| Server CPU share of one core | n/a |")
        .doesNotContain("soak").doesNotContain("Time of one evaluation").doesNotContain("Rule window");
  }

  @Test
  void aRunWithoutRulesSaysItsSoakIsTheIdleBaseline() {
    AlertFigures.Phase idle = new AlertFigures.Phase("soak", 120, 17, 2, 0, 0, 0, List.of());
    String md = AlertingReport.render(new AlertFigures(0, 0, 0, 0, 0, null, idle, idle, List.of()));

    assertThat(md).contains("Rules: none; the soak measures the idle server, the baseline of a run with rules.")
        .contains("| Server CPU share of one core | 0.142 | 0.142 |").doesNotContain("alerts.lag");
  }

  @Test
  void theJsonReportCarriesTheAlertingFigures() throws Exception {
    BenchResults plain = BenchResultsFixture.results("corral", 30_000, 0.5, 0.1, 5, 6, 7);
    BenchResults withAlerts = new BenchResults(plain.peer(), plain.machine(), plain.dataset(), plain.ingest(),
        plain.footprint(), plain.queries(), plain.warmIndexBytes(), plain.warmQueries(), plain.coldQueries(),
        figures());
    Path file = tmp.resolve("results.json");

    JsonReport.write(List.of(withAlerts), file);

    JsonNode alerting = new ObjectMapper().readTree(file.toFile()).path("alerting");
    assertThat(alerting.path("rules_loaded").asInt()).isEqualTo(204);
    assertThat(alerting.path("lag_s").asLong()).isEqualTo(3600);
    assertThat(alerting.path("soak").path("cpu_share_of_all_cores").asDouble()).isEqualTo(0.125);
    assertThat(alerting.path("soak").path("evaluation_ms").get(0).path("p95").asDouble()).isEqualTo(40);
    assertThat(alerting.path("ingest").path("budget_hits").asLong()).isEqualTo(1);
    assertThat(alerting.path("events_per_window").get(0).path("window_s").asLong()).isEqualTo(300);
  }
}
