package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentRollingTest {
  /** Header 8 + three records of 8 + 24 bytes each = 104: three records per segment. */
  private static final long SEGMENT_BYTES = 104;

  @TempDir Path dir;

  private WriteAheadLog<String> open() throws IOException {
    return WriteAheadLog.open(new WalConfig(dir, SEGMENT_BYTES, 1000, 4096), (p, n, c) -> {});
  }

  private static List<Long> appendRecords(WriteAheadLog<String> wal, int count) throws IOException {
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[24];
      payload[0] = (byte) i;
      positions.add(wal.append(payload, null));
    }
    return positions;
  }

  private List<String> segmentNames() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rollsToANewSegmentNamedByItsFirstPosition() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      List<Long> positions = appendRecords(wal, 7);
      assertThat(positions).containsExactly(0L, 32L, 64L, 96L, 128L, 160L, 192L);
      assertThat(segmentNames()).containsExactly(
          "00000000000000000000.wal", "00000000000000000096.wal", "00000000000000000192.wal");
      assertThat(Files.size(dir.resolve("00000000000000000000.wal"))).isEqualTo(SEGMENT_BYTES);
      WalStats stats = wal.stats();
      assertThat(stats.segments()).isEqualTo(3);
      assertThat(stats.bytesOnDisk()).isEqualTo(2 * SEGMENT_BYTES + 8 + 32);
      assertThat(Replayed.all(wal)).extracting(Replayed::position).isEqualTo(positions);
    }
  }

  @Test
  void recordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      wal.append(new byte[1], null);
      long big = wal.append(new byte[500], null);
      long after = wal.append(new byte[1], null);
      assertThat(big).isEqualTo(9);
      assertThat(after).isEqualTo(9 + 508);
      assertThat(segmentNames()).containsExactly("00000000000000000000.wal",
          "00000000000000000009.wal", "00000000000000000517.wal");
      assertThat(Replayed.all(wal)).extracting(r -> r.payload().length).containsExactly(1, 500, 1);
    }
  }

  @Test
  void deleteBeforeRemovesOnlyWholeSegmentsThatEndByThePosition() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      List<Long> positions = appendRecords(wal, 7); // segments start at 0, 96, 192
      assertThat(wal.deleteBefore(95)).isZero();
      assertThat(wal.deleteBefore(100)).isEqualTo(1);
      assertThat(wal.startPosition()).isEqualTo(96);
      assertThat(segmentNames()).containsExactly(
          "00000000000000000096.wal", "00000000000000000192.wal");
      assertThat(Replayed.all(wal, 0)).extracting(Replayed::position)
          .isEqualTo(positions.subList(3, 7));
      assertThat(Replayed.all(wal, 128)).extracting(Replayed::position)
          .isEqualTo(positions.subList(4, 7));
    }
  }

  @Test
  void deleteBeforeNeverDeletesTheActiveSegment() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      appendRecords(wal, 7);
      assertThat(wal.deleteBefore(Long.MAX_VALUE)).isEqualTo(2);
      assertThat(segmentNames()).containsExactly("00000000000000000192.wal");
      assertThat(wal.startPosition()).isEqualTo(192);
      assertThat(Replayed.all(wal, 0)).extracting(Replayed::position).containsExactly(192L);
      long next = wal.append(new byte[3], null);
      assertThat(next).isEqualTo(224);
    }
  }

  @Test
  void reopenAfterDeletionKeepsPositions() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      appendRecords(wal, 7);
      wal.deleteBefore(192);
    }
    try (WriteAheadLog<String> wal = open()) {
      assertThat(wal.startPosition()).isEqualTo(192);
      assertThat(wal.endPosition()).isEqualTo(224);
      assertThat(appendRecords(wal, 3)).containsExactly(224L, 256L, 288L);
      assertThat(Replayed.all(wal)).hasSize(4);
    }
  }
}
