package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdRulesTest {
  @TempDir Path tmp;

  @Test
  void twoHundredRulesHaveUniqueNamesAndVaryInQueryServiceWindowAndCondition() {
    List<String> rules = IntStream.range(0, 200).mapToObj(i -> ThresholdRules.yaml(i, Duration.ofSeconds(30))).toList();

    assertThat(rules).doesNotHaveDuplicates();
    assertThat(rules.stream().map(ThresholdRulesTest::nameOf).distinct()).hasSize(200);
    assertThat(rules).allMatch(rule -> rule.contains("\nkind: threshold\n") && rule.contains("\nevery: 30s\n"));
    Set<String> queries = new HashSet<>();
    Set<String> conditions = new HashSet<>();
    for (String rule : rules) {
      queries.add(line(rule, "query: "));
      conditions.add(line(rule, "condition: "));
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(40);
    assertThat(conditions).hasSizeGreaterThanOrEqualTo(40);
    for (Duration window : ThresholdRules.WINDOWS) {
      assertThat(rules).filteredOn(rule -> rule.contains("\nwindow: " + DurationText.format(window) + "\n"))
          .hasSizeGreaterThanOrEqualTo(200 / ThresholdRules.WINDOWS.size() / 2);
    }
    for (String service : ThresholdRules.SERVICES) {
      assertThat(rules).filteredOn(rule -> rule.contains("service:" + service + " ")).hasSizeGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void theSameIndexGivesTheSameRule() {
    assertThat(ThresholdRules.yaml(137, Duration.ofMinutes(1))).isEqualTo(ThresholdRules.yaml(137, Duration.ofMinutes(1)));
    assertThat(ThresholdRules.name(7)).isEqualTo("bench_threshold_007");
    assertThatThrownBy(() -> ThresholdRules.yaml(-1, Duration.ofSeconds(30))).hasMessageContaining("-1");
  }

  @Test
  void everyServiceTheRulesNameLogsInTheSimulatedFleet() throws IOException {
    Dataset dataset = DatasetGenerator.simulate(1, Instant.parse("2026-01-15T12:00:00Z"), 20_000, 5_000,
        tmp.resolve("batches"));
    StringBuilder all = new StringBuilder();
    for (Path batch : dataset.batches()) {
      all.append(Files.readString(batch, StandardCharsets.UTF_8));
    }
    for (String service : ThresholdRules.SERVICES) {
      assertThat(all).as("a simulated event of %s", service).contains("\"" + service + "\"");
    }
  }

  private static String nameOf(String rule) {
    return line(rule, "name: ");
  }

  private static String line(String rule, String key) {
    return rule.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
  }
}
