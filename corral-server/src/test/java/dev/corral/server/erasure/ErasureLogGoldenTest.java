package dev.corral.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The erasure log, format version 1: the golden file of this version reads — one finished erasure,
 * one unfinished with its days done — a torn last line is cut off, and another version is refused.
 */
class ErasureLogGoldenTest {
  @TempDir Path dir;

  private Path golden() throws Exception {
    Path file = dir.resolve("erasure/erasures.ndjson");
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getResourceAsStream("/dev/corral/server/golden/erasures-v1.ndjson")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void theGoldenLogOfVersion1ReadsAndItsUnfinishedErasureResumesWhereItStopped() throws Exception {
    ErasureLog log = ErasureLog.open(golden());
    assertThat(log.newest(100)).hasSize(7);
    assertThat(log.unfinished()).singleElement().satisfies(unfinished -> {
      assertThat(unfinished.erasure().id()).isEqualTo("e-20261205T195000000Z");
      assertThat(unfinished.erasure().request().query()).isEqualTo("service:payment AND user:bob");
      assertThat(unfinished.erasure().keyId()).isEqualTo("local");
      assertThat(unfinished.erasure().days()).containsExactly(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"));
      assertThat(unfinished.done()).containsExactly(LocalDate.parse("2026-11-18"));
    });
  }

  @Test
  void aLineACrashToreIsCutOffAndAnotherVersionIsRefusedNamingTheLine() throws Exception {
    Path file = golden();
    long whole = Files.size(file);
    Files.writeString(file, "{\"format_version\":1,\"type\":\"day\",\"id\":\"e-2026", java.nio.file.StandardOpenOption.APPEND);
    assertThat(ErasureLog.open(file).newest(100)).hasSize(7);
    assertThat(Files.size(file)).isEqualTo(whole);

    Files.writeString(file, "{\"format_version\":2,\"type\":\"started\"}\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> ErasureLog.open(file)).hasMessage(file + ":8 has format_version 2; this server reads 1");
  }
}
