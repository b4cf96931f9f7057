package dev.corral.server.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state snapshot's manifest, format version 1: the golden file of this version still reads; a round trip is lossless. */
class StateSnapshotManifestTest {
  static byte[] golden() throws IOException {
    try (InputStream in = StateSnapshotManifestTest.class.getResourceAsStream("/dev/corral/server/golden/state-manifest-v1.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void theGoldenManifestOfVersion1Reads() throws Exception {
    StateSnapshotManifest manifest = StateSnapshotManifest.parse(golden(), "state-manifest-v1.json");
    assertThat(manifest.id()).isEqualTo("20261205T200000123Z");
    assertThat(manifest.createdAt()).isEqualTo(Instant.parse("2026-12-05T20:00:00.123Z"));
    assertThat(manifest.files()).extracting(StateSnapshotManifest.StateFile::path)
        .containsExactly("auth/keys.json", "dashboards/checkout.json", "retention.json");
    assertThat(manifest.files().get(0).bytes()).isEqualTo(634);
    assertThat(StateSnapshotManifest.parse(manifest.toJson(), "round trip")).isEqualTo(manifest);
  }

  @Test
  void anotherVersionOrAPathOutsideTheDataDirectoryIsRefusedNamingIt() throws Exception {
    String golden = new String(golden(), java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StateSnapshotManifest.parse(golden.replace("\"format_version\" : 1", "\"format_version\" : 2")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "s3://b/state/x/manifest.json"))
        .hasMessage("s3://b/state/x/manifest.json has format_version 2; this server reads 1");
    assertThatThrownBy(() -> StateSnapshotManifest.parse(golden.replace("\"retention.json\"", "\"../etc/passwd\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "m")).hasMessageContaining("'../etc/passwd' is not relative");
    assertThat(new StateSnapshotManifest("x", Instant.EPOCH, "v", List.of()).files()).isEmpty();
  }
}
