package dev.corral.server.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** manifest.json: the version 1 golden file parses, a manifest survives a round trip, other versions are refused. */
class ArchiveManifestTest {
  private static byte[] golden() throws IOException {
    try (InputStream in = ArchiveManifestTest.class.getResourceAsStream("manifest-v1.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void theVersion1GoldenManifestParses() throws Exception {
    ArchiveManifest manifest = ArchiveManifest.parse(golden(), "manifest-v1.json");

    assertThat(manifest.day()).isEqualTo(LocalDate.parse("2026-11-19"));
    assertThat(manifest.generation()).isEqualTo(3);
    assertThat(manifest.tier()).isEqualTo("warm");
    assertThat(manifest.events()).isEqualTo(300);
    assertThat(manifest.firstEvent()).contains(Instant.parse("2026-11-19T10:00:00Z"));
    assertThat(manifest.lastEvent()).contains(Instant.parse("2026-11-19T10:04:59Z"));
    assertThat(manifest.services()).containsExactly("checkout", "payment");
    assertThat(manifest.files()).extracting(ManifestFile::name).containsExactly("_2.cfe", "_2.cfs", "_2.si", "segments_3");
    assertThat(manifest.bytes()).isEqualTo(479 + 10065 + 324);
    assertThat(manifest.corralVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(manifest.createdAt()).isEqualTo(Instant.parse("2026-12-05T18:51:10.612Z"));
  }

  @Test
  void aManifestWrittenTodayReadsBackEqualAndWritesTheGoldenLayout() throws Exception {
    ArchiveManifest golden = ArchiveManifest.parse(golden(), "manifest-v1.json");
    assertThat(new String(golden.toJson(), StandardCharsets.UTF_8).strip())
        .isEqualTo(new String(golden(), StandardCharsets.UTF_8).strip());
    ArchiveManifest empty = new ArchiveManifest(LocalDate.parse("2026-11-20"), 1, "warm", 0, Optional.empty(),
        Optional.empty(), List.of(), List.of(), "x", Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(ArchiveManifest.parse(empty.toJson(), "empty")).isEqualTo(empty);
  }

  @Test
  void anotherFormatVersionOrAMissingFieldIsRefusedNamingIt() throws Exception {
    String v1 = new String(golden(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ArchiveManifest.parse(v1.replace("\"format_version\" : 1", "\"format_version\" : 2")
        .getBytes(StandardCharsets.UTF_8), "s3://b/days/x/manifest.json"))
        .hasMessage("s3://b/days/x/manifest.json has format_version 2; this server reads 1");
    assertThatThrownBy(() -> ArchiveManifest.parse(v1.replace("\"events\"", "\"evts\"").getBytes(StandardCharsets.UTF_8),
        "m.json")).hasMessage("m.json has no events");
    assertThatThrownBy(() -> ArchiveManifest.parse(v1.replace("6f3e5a", "XYZ").getBytes(StandardCharsets.UTF_8),
        "m.json")).hasMessageContaining("m.json: file _2.cfe has sha256");
  }
}
