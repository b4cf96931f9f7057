package dev.corral.server.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data/archive/state.json: the version 1 golden file loads, changes survive a reload, other versions are refused. */
class ArchiveStateTest {
  @TempDir Path dir;

  private Path golden() throws Exception {
    Path file = dir.resolve("state.json");
    try (InputStream in = ArchiveStateTest.class.getResourceAsStream("state-v1.json")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void theVersion1GoldenStateLoadsAndAChangeSurvivesAReload() throws Exception {
    Path file = golden();
    ArchiveState state = ArchiveState.load(file);
    assertThat(state.days()).containsExactly(
        new ArchivedDay(LocalDate.parse("2026-11-18"), 7, 4_100_000, 1_203_000_000L, Instant.parse("2026-11-20T01:10:00Z"),
            false),
        new ArchivedDay(LocalDate.parse("2026-11-19"), 3, 300, 10_868, Instant.parse("2026-11-21T01:10:00Z"), true));

    ArchivedDay removed = state.get(LocalDate.parse("2026-11-19")).orElseThrow().removedLocally();
    state.record(removed);
    state.forget(LocalDate.parse("2026-11-18"));

    assertThat(ArchiveState.load(file).days()).containsExactly(removed);
  }

  /** A day whose local partition holds late events merged with its archived copy (docs/operations.md). */
  @Test
  void theGoldenStateOfADayNewerLocallyLoadsAndIsWrittenTheSameWay() throws Exception {
    Path file = dir.resolve("state.json");
    byte[] golden;
    try (InputStream in = ArchiveStateTest.class.getResourceAsStream("state-v1-local-newer.json")) {
      golden = in.readAllBytes();
    }
    Files.write(file, golden);
    ArchiveState state = ArchiveState.load(file);
    ArchivedDay day = new ArchivedDay(LocalDate.parse("2026-11-19"), 3, 300, 10_868, Instant.parse("2026-11-21T01:10:00Z"),
        true, true);
    assertThat(state.days()).containsExactly(day);

    state.record(day);

    assertThat(Files.readString(file).strip()).isEqualTo(new String(golden, java.nio.charset.StandardCharsets.UTF_8).strip());
    assertThat(ArchiveState.load(file).get(day.day()).orElseThrow().removedLocally().localNewer()).isFalse();
  }

  @Test
  void anotherVersionIsRefusedNamingTheFile() throws Exception {
    Path file = golden();
    Files.writeString(file, Files.readString(file).replace("\"format_version\" : 1", "\"format_version\" : 2"));
    assertThatThrownBy(() -> ArchiveState.load(file)).hasMessage(file + " has format_version 2; this server reads 1");
  }

  @Test
  void noFileIsAnEmptyState() throws Exception {
    assertThat(ArchiveState.load(dir.resolve("none.json")).days()).isEmpty();
  }
}
