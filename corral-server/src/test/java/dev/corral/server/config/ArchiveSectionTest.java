package dev.corral.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive.* settings: the URL's bucket and prefix, endpoint, keys that go together, a secret never shown. */
class ArchiveSectionTest {
  private static ArchiveSection section(Map<String, String> settings) {
    return ArchiveSection.from(ConfigLoader.load(null, Map.of(), settings));
  }

  @Test
  void offByDefaultWithDocumentedDefaults() {
    ArchiveSection off = section(Map.of());
    assertThat(off.enabled()).isFalse();
    assertThat(off.after()).isEqualTo(Duration.ofDays(1));
    assertThat(off.localMaxAge()).isZero();
    assertThat(off.maxAge()).isZero();
    assertThat(off.partBytes()).isEqualTo(64L << 20);
  }

  @Test
  void theUrlGivesBucketAndPrefixAndTheSecretIsNeverShown() {
    ArchiveSection archive = section(Map.of("archive.url", "s3://logs/corral/prod/", "archive.endpoint",
        "http://minio:9000", "archive.access_key", "AKID", "archive.secret_key", "s3cr3t", "archive.path_style", "true"));
    assertThat(archive.bucket()).isEqualTo("logs");
    assertThat(archive.prefix()).isEqualTo("corral/prod");
    assertThat(archive.url()).isEqualTo("s3://logs/corral/prod");
    assertThat(archive.endpoint()).contains(URI.create("http://minio:9000"));
    assertThat(archive.pathStyle()).isTrue();
    assertThat(archive.toString()).doesNotContain("s3cr3t").contains("(hidden)");
    assertThat(section(Map.of("archive.url", "s3://logs")).prefix()).isEmpty();
  }

  @Test
  void aBadUrlEndpointOrHalfACredentialIsOneLineNamingTheSetting() {
    assertThatThrownBy(() -> section(Map.of("archive.url", "https://logs/x")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("archive.url is 'https://logs/x'");
    assertThatThrownBy(() -> section(Map.of("archive.url", "s3://b", "archive.endpoint", "minio:9000")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("archive.endpoint is 'minio:9000'");
    assertThatThrownBy(() -> section(Map.of("archive.url", "s3://b", "archive.access_key", "AKID")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> section(Map.of("archive.part_bytes", "1MiB")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("archive.part_bytes");
  }
}
