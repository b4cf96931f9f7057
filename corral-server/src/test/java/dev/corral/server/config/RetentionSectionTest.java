package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retention.*} settings: keep-forever default, rules from corral.yaml, one-line refusals. */
class RetentionSectionTest {
  @TempDir Path dir;

  private RetentionSection read(String yaml) throws Exception {
    Path file = dir.resolve("corral.yaml");
    Files.writeString(file, yaml);
    return ServerConfig.from(ConfigLoader.load(file, Map.of(), Map.of())).retention();
  }

  @Test
  void theBuiltInDefaultKeepsEverything() {
    RetentionSection retention = ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of())).retention();
    assertThat(retention.maxAge()).isZero();
    assertThat(retention.maxBytes()).isZero();
    assertThat(retention.rules()).isEmpty();
    assertThat(retention.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(retention.sources()).containsEntry("retention.max_age", "default");
  }

  @Test
  void theShippedCorralYamlKeepsAMonth() {
    ServerConfig shipped = ServerConfig.from(ConfigLoader.load(Path.of("..", "conf", "corral.yaml"), Map.of(), Map.of()));
    assertThat(shipped.retention().maxAge()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void readsTheLimitsAndTheRulesOfCorralYaml() throws Exception {
    RetentionSection retention = read("""
        retention:
          max_age: 30d
          max_bytes: 200GiB
          rules:
            - {match: "level:DEBUG", max_age: 3d}
            - {match: "service:payment-gateway", max_age: 400d}
        """);
    assertThat(retention.maxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(retention.maxBytes()).isEqualTo(200L << 30);
    assertThat(retention.rules()).containsExactly(new RetentionSection.Rule("level:DEBUG", Duration.ofDays(3)),
        new RetentionSection.Rule("service:payment-gateway", Duration.ofDays(400)));
    assertThat(retention.sources().get("retention.rules")).endsWith("corral.yaml");
  }

  @Test
  void aRuleWhoseMatchDoesNotParseStopsTheStartInOneLineNamingTheRuleAndThePosition() {
    assertThatThrownBy(() -> read("""
        retention:
          rules:
            - {match: "level:DEBUG", max_age: 3d}
            - {match: "service:(checkout", max_age: 3d}
        """)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("retention.rules[1]").hasMessageContaining("corral.yaml")
        .hasMessageContaining("'service:(checkout' does not parse").hasMessageContaining("at position 8")
        .hasMessageNotContaining("\n");
  }

  @Test
  void badDurationsKeysAndLimitsAreNamed() {
    assertThatThrownBy(() -> read("retention:\n  rules:\n    - {match: \"level:DEBUG\", max_age: soon}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.rules[0] ").hasMessageContaining("soon");
    assertThatThrownBy(() -> read("retention:\n  rules:\n    - {match: \"level:DEBUG\", max_age: 10m}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("outside 1h..36500d");
    assertThatThrownBy(() -> read("retention:\n  rules:\n    - {match: \"level:DEBUG\", keep: 3d}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'keep'");
    assertThatThrownBy(() -> read("retention:\n  max_age: 30m\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.max_age").hasMessageContaining("minimum");
    assertThatThrownBy(() -> read("retention:\n  max_bytes: lots\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retention.max_bytes").hasMessageContaining("lots");
  }
}
