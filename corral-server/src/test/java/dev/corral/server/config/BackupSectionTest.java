package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The backup.* settings: off by default, the store's access falling back to archive.*, cuts bounded, the secret never shown. */
class BackupSectionTest {
  private static BackupSection section(Map<String, String> settings) {
    return BackupSection.from(ConfigLoader.load(null, Map.of(), settings));
  }

  @Test
  void offByDefaultWithDocumentedCuts() {
    BackupSection off = section(Map.of());
    assertThat(off.enabled()).isFalse();
    assertThat(off.objectBytes()).isEqualTo(64L << 20);
    assertThat(off.objectAge()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theStoresAccessFallsBackToTheArchiveSettings() {
    BackupSection backup = section(Map.of("backup.url", "s3://raw/corral/", "archive.endpoint", "http://minio:9000",
        "archive.region", "eu-west-1", "archive.access_key", "AKID", "archive.secret_key", "s3cr3t",
        "archive.path_style", "true"));
    assertThat(backup.target().bucket()).isEqualTo("raw");
    assertThat(backup.target().prefix()).isEqualTo("corral");
    assertThat(backup.connection().endpoint()).contains(URI.create("http://minio:9000"));
    assertThat(backup.connection().region()).isEqualTo("eu-west-1");
    assertThat(backup.connection().accessKey()).isEqualTo("AKID");
    assertThat(backup.connection().pathStyle()).isTrue();
    assertThat(backup.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void itsOwnSettingsWinOverTheArchives() {
    BackupSection backup = section(Map.of("backup.url", "s3://raw", "backup.endpoint", "http://other:9000",
        "backup.region", "us-west-2", "backup.access_key", "B", "backup.secret_key", "b", "backup.path_style", "false",
        "archive.endpoint", "http://minio:9000", "archive.access_key", "A", "archive.secret_key", "a",
        "archive.path_style", "true"));
    assertThat(backup.connection().endpoint()).contains(URI.create("http://other:9000"));
    assertThat(backup.connection().region()).isEqualTo("us-west-2");
    assertThat(backup.connection().accessKey()).isEqualTo("B");
    assertThat(backup.connection().pathStyle()).isFalse();
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> section(Map.of("backup.url", "https://raw"))).hasMessageContaining("backup.url is 'https://raw'");
    assertThatThrownBy(() -> section(Map.of("backup.access_key", "B"))).hasMessageContaining("backup.secret_key");
    assertThatThrownBy(() -> section(Map.of("backup.path_style", "yes"))).hasMessageContaining("backup.path_style is 'yes'");
    assertThatThrownBy(() -> section(Map.of("backup.object_bytes", "1KiB"))).hasMessageContaining("backup.object_bytes");
    assertThatThrownBy(() -> section(Map.of("backup.object_seconds", "0s"))).hasMessageContaining("backup.object_seconds");
  }
}
