package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.bench.BenchCommand;
import dev.corral.demo.SeedAlertRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code corral bench --alert-rules --seed-rules --alert-soak} against the real corral.jar, small: 10,000 events,
 * 5 generated threshold rules plus the seed rules every second, a 5 s soak. The rule files are written and
 * loaded, evaluations are counted in the report, the windows hold events, and the rules are deleted after the
 * soak (the queries after it run without them). No timing is asserted.
 */
class BenchAlertingIT {
  private static final Pattern KEPT = Pattern.compile("bench: kept (\\S+)");

  @Test
  void alertRulesAreWrittenLoadedEvaluatedAndReported(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("results");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = new CommandLine(new BenchCommand()).execute("--jar", System.getProperty("corral.jar", "target/corral.jar"),
          "--events", "10000", "--batch", "500", "--alert-rules", "5", "--seed-rules", "--alert-every", "1s", "--alert-soak", "5s",
          "--peers", "none", "--cold-runs", "0", "--runs", "1", "--mixed-rate", "0", "--keep", "--out", out.toString());
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String log = err.toString(StandardCharsets.UTF_8);
    Matcher kept = KEPT.matcher(log);
    assertThat(kept.find()).as("bench's stderr: %s", log).isTrue();
    Path work = Path.of(kept.group(1));
    try {
      assertThat(code).as("bench's stderr: %s", log).isZero();
      Path alerts = work.resolve("data").resolve("alerts");
      assertThat(log).contains("bench: wrote " + (5 + SeedAlertRules.FILES.size()) + " alert rule files into " + alerts);
      try (Stream<Path> files = Files.list(alerts)) {
        assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("bench_threshold_")
            || SeedAlertRules.FILES.contains(name))).as("rules deleted after the soak").isEmpty();
      }

      JsonNode alerting = new ObjectMapper().readTree(out.resolve("results.json").toFile()).path("alerting");
      assertThat(alerting.path("threshold_rules").asInt()).isEqualTo(5);
      assertThat(alerting.path("seed_rule_files").asInt()).isEqualTo(SeedAlertRules.FILES.size());
      assertThat(alerting.path("rules_loaded").asInt()).isEqualTo(5 + SeedAlertRules.FILES.size());
      assertThat(alerting.path("rules_refused").asInt()).isZero();
      JsonNode soak = alerting.path("soak");
      assertThat(soak.path("evaluations").asLong()).isPositive();
      assertThat(soak.path("failed").asLong()).isZero();
      assertThat(soak.path("cpu_s").asDouble()).isNotNegative();
      JsonNode generated = soak.path("evaluation_ms").get(0);
      assertThat(generated.path("rules").asText()).isEqualTo("5 threshold rules");
      // The history (event time) and the counters (completion time) cut the soak at slightly different moments,
      // so the history's count is held against what the schedule allows: 5 rules every second, one round more.
      long scheduled = 5 * ((long) Math.ceil(soak.path("wall_s").asDouble()) + 1);
      assertThat(generated.path("evaluations").asLong()).isPositive().isLessThanOrEqualTo(scheduled);
      assertThat(alerting.path("ingest").path("evaluations").asLong()).isPositive();
      assertThat(alerting.path("events_per_window")).isNotEmpty();
      for (JsonNode window : alerting.path("events_per_window")) {
        assertThat(window.path("at_start").asLong()).as("events in the %s s window", window.path("window_s")).isPositive();
      }
      assertThat(Files.readString(out.resolve("results.md"))).contains("## Alerting", "| 5 threshold rules | soak |");
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
