package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts.*} settings of the alert state: defaults, bounds and a bad public URL. */
class AlertsStateSectionTest {
  private static AlertsStateSection read(Map<String, String> values) {
    return AlertsStateSection.from(ConfigLoader.load(null, Map.of(), values));
  }

  @Test
  void defaultsToTheServersOwnUrlAndADayOfResolvedInstances() {
    AlertsStateSection section = read(Map.of());
    assertThat(section.publicUrl()).isEmpty();
    assertThat(section.resolvedRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(read(Map.of("alerts.public_url", "https://corral.example.com/")).publicUrl())
        .isEqualTo("https://corral.example.com");
  }

  @Test
  void refusesAPublicUrlThatIsNotAnAbsoluteHttpUrlAndARetentionOutOfBounds() {
    assertThatThrownBy(() -> read(Map.of("alerts.public_url", "corral.example.com")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.public_url");
    assertThatThrownBy(() -> read(Map.of("alerts.public_url", "ftp://corral.example.com")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> read(Map.of("alerts.resolved_retention", "90d")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.resolved_retention");
  }
}
