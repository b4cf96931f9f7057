package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedAlertRulesTest {
  @TempDir Path alerts;

  @Test
  void theJarCarriesEveryRuleOfConfAlertsAndNothingElse() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "conf", "alerts"))) {
      assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml")))
          .containsExactlyInAnyOrderElementsOf(SeedAlertRules.FILES);
    }
  }

  @Test
  void anAlertsDirectoryWithoutRulesGetsTheSeedRulesByteForByte() throws Exception {
    Files.writeString(alerts.resolve("channels.yaml"), "channels: []\n");

    assertThat(SeedAlertRules.installInto(alerts)).containsExactlyElementsOf(SeedAlertRules.FILES);

    for (String file : SeedAlertRules.FILES) {
      assertThat(alerts.resolve(file)).hasSameBinaryContentAs(Path.of("..", "conf", "alerts", file));
    }
    assertThat(alerts.resolve("channels.yaml")).hasContent("channels: []");
  }

  @Test
  void aDirectoryHoldingARuleOfItsOwnIsLeftAlone() throws Exception {
    Files.writeString(alerts.resolve("mine.yaml"), "name: mine\n");

    assertThat(SeedAlertRules.installInto(alerts)).isEmpty();

    try (Stream<Path> files = Files.list(alerts)) {
      assertThat(files).containsExactly(alerts.resolve("mine.yaml"));
    }
  }
}
