package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WalConfigTest {
  private final Path dir = Path.of("wal");

  @Test
  void defaultsAreTheDocumentedSizes() {
    WalConfig config = WalConfig.defaults(dir);
    assertThat(config.segmentBytes()).isEqualTo(64L << 20);
    assertThat(config.maxRecordBytes()).isEqualTo(64 << 20);
    assertThat(config.maxGroupBytes()).isEqualTo(16 << 20);
  }

  @Test
  void rejectsOutOfRangeSettingsNamingValueAndLimit() {
    assertThatThrownBy(() -> new WalConfig(dir, 10, 100, 1000))
        .hasMessageContaining("segmentBytes (10)").hasMessageContaining("64");
    assertThatThrownBy(() -> new WalConfig(dir, 1000, -1, 1000))
        .hasMessageContaining("maxRecordBytes (-1)");
    assertThatThrownBy(() -> new WalConfig(dir, 1000, 100, 8))
        .hasMessageContaining("maxGroupBytes (8)");
    assertThatThrownBy(() -> new WalConfig(null, 1000, 100, 1000))
        .isInstanceOf(NullPointerException.class);
  }
}
