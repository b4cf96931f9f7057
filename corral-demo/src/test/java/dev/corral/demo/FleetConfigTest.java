package dev.corral.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetConfigTest {
  @Test
  void defaultsAreFiveHundredEventsEveryTwoHundredMillis() {
    FleetConfig config = FleetConfig.defaults();
    assertThat(config.eventsPerSecond()).isEqualTo(500);
    assertThat(config.batchInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.ingestUri()).isEqualTo(URI.create("http://localhost:8080/api/v1/ingest"));
    assertThat(config.gzip()).isTrue();
  }

  @Test
  void ingestUriIsDerivedFromTheBaseUrl() {
    assertThat(FleetConfig.of(URI.create("http://h:1/")).ingestUri()).isEqualTo(URI.create("http://h:1/api/v1/ingest"));
    assertThat(FleetConfig.of(URI.create("https://h/corral")).ingestUri())
        .isEqualTo(URI.create("https://h/corral/api/v1/ingest"));
    assertThat(FleetConfig.of(URI.create("http://h:1/api/v1/ingest")).ingestUri())
        .isEqualTo(URI.create("http://h:1/api/v1/ingest"));
  }

  @Test
  void badValuesAreRefusedWithTheValueAndTheLimit() {
    URI ok = URI.create("http://localhost:8080");
    assertThatThrownBy(() -> new FleetConfig(ok, 0, 1, Duration.ofMillis(200)))
        .hasMessageContaining("eventsPerSecond (0.0)");
    assertThatThrownBy(() -> new FleetConfig(ok, Double.NaN, 1, Duration.ofMillis(200)))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new FleetConfig(ok, 1e9, 1, Duration.ofMillis(200)))
        .hasMessageContaining("100000");
    assertThatThrownBy(() -> new FleetConfig(ok, 10, 1, Duration.ofMillis(1)))
        .hasMessageContaining("PT0.001S");
    assertThatThrownBy(() -> new FleetConfig(URI.create("ftp://x/"), 10, 1, Duration.ofMillis(200)))
        .hasMessageContaining("ftp://x/");
    assertThatThrownBy(() -> new FleetConfig(URI.create("localhost:8080"), 10, 1, Duration.ofMillis(200)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withersChangeOneSetting() {
    FleetConfig config = FleetConfig.defaults().withEventsPerSecond(50).withSeed(7).withGzip(false);
    assertThat(config.eventsPerSecond()).isEqualTo(50);
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.gzip()).isFalse();
  }
}
