package dev.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.demo.SeedAlertRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertLoadTest {
  private static final Duration EVERY = Duration.ofSeconds(30);
  @TempDir Path tmp;

  @Test
  void installWritesTheSeedRulesByteForByteThenOneFilePerGeneratedRule() throws Exception {
    Path alerts = tmp.resolve("alerts");

    List<String> written = new AlertLoad(5, EVERY, true, Duration.ZERO).install(alerts);

    List<String> expected = new ArrayList<>(SeedAlertRules.FILES);
    for (int i = 0; i < 5; i++) {
      expected.add("bench_threshold_00" + i + ".yaml");
    }
    assertThat(written).containsExactlyElementsOf(expected);
    try (Stream<Path> files = Files.list(alerts)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
    for (String seed : SeedAlertRules.FILES) {
      assertThat(alerts.resolve(seed)).hasSameBinaryContentAs(Path.of("..", "conf", "alerts", seed));
    }
    assertThat(alerts.resolve("bench_threshold_003.yaml")).hasContent(ThresholdRules.yaml(3, EVERY));
  }

  @Test
  void withoutRulesNothingIsWrittenNoSettingIsNeededAndOnlyASoakMakesItActive() throws Exception {
    AlertLoad none = new AlertLoad(0, EVERY, false, Duration.ZERO);

    assertThat(none.install(tmp.resolve("alerts"))).isEmpty();
    assertThat(none.serverSettings()).isEmpty();
    assertThat(none.active()).isFalse();
    assertThat(new AlertLoad(0, EVERY, false, Duration.ofMinutes(2)).active()).isTrue();
    assertThat(new AlertLoad(1, EVERY, false, Duration.ZERO).serverSettings()).containsExactly("alerts.lag=1h");
  }

  @Test
  void seedRulesRefuseADirectoryThatAlreadyHoldsRules() throws Exception {
    Path alerts = Files.createDirectories(tmp.resolve("alerts"));
    Files.writeString(alerts.resolve("mine.yaml"), "name: mine\n");

    assertThatThrownBy(() -> new AlertLoad(0, EVERY, true, Duration.ZERO).install(alerts))
        .hasMessageContaining(alerts.toString()).hasMessageContaining("already holds rules");
  }

  @Test
  void badOptionsAreRefusedNamingTheOptionAndTheValue() {
    assertThatThrownBy(() -> new AlertLoad(-1, EVERY, false, Duration.ZERO))
        .hasMessage("--alert-rules is -1; it must be 0 to 100000");
    assertThatThrownBy(() -> new AlertLoad(1, Duration.ZERO, false, Duration.ZERO))
        .hasMessage("--alert-every is 0s; it must be above zero");
    assertThatThrownBy(() -> DurationText.parse("2 minutes"))
        .hasMessage("'2 minutes' is not a duration like 500ms, 30s, 2m, 1h or 7d");
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }
}
