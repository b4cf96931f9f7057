package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptSegmentTest {
  @TempDir Path dir;
  private Path first;

  private WriteAheadLog<String> open() throws IOException {
    return WriteAheadLog.open(new WalConfig(dir, 104, 1000, 4096), (p, n, c) -> {});
  }

  @BeforeEach
  void writeThreeSegments() throws IOException {
    try (WriteAheadLog<String> wal = open()) {
      for (int i = 0; i < 7; i++) {
        wal.append(new byte[24], null);
      }
    }
    first = dir.resolve("00000000000000000000.wal");
  }

  @Test
  void flippedByteInANonLastSegmentFailsReplayNamingFileAndOffset() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.seek(8 + 32 + 20); // payload of the second record
      file.write(0x55);
    }
    try (WriteAheadLog<String> wal = open()) {
      assertThatThrownBy(() -> Replayed.all(wal))
          .isInstanceOfSatisfying(WalCorruptException.class, e -> {
            assertThat(e.file()).isEqualTo(first);
            assertThat(e.offset()).isEqualTo(40);
          })
          .hasMessageContaining(first.toString()).hasMessageContaining("checksum");
      assertThat(Replayed.all(wal, 96)).hasSize(4); // later segments still readable
    }
  }

  @Test
  void truncatedNonLastSegmentFailsOpenNamingTheFile() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.setLength(90);
    }
    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(WalCorruptException.class,
            e -> assertThat(e.file()).isEqualTo(first))
        .hasMessageContaining("00000000000000000000.wal").hasMessageContaining("90 bytes");
  }

  @Test
  void badHeaderInANonLastSegmentFailsOpen() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.write(new byte[] {'X'});
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(WalCorruptException.class).hasMessageContaining("magic");
  }

  @Test
  void missingMiddleSegmentFailsOpen() throws IOException {
    Files.delete(dir.resolve("00000000000000000096.wal"));
    assertThatThrownBy(this::open)
        .isInstanceOf(WalCorruptException.class)
        .hasMessageContaining("00000000000000000192.wal");
  }

  @Test
  void segmentUnderTheWrongNameFailsItsChecksums() throws IOException {
    Path moved = dir.resolve("00000000000000000004.wal");
    Files.move(first, moved);
    Files.delete(dir.resolve("00000000000000000096.wal"));
    Files.delete(dir.resolve("00000000000000000192.wal"));
    // now the only (last) segment: every record fails its position-bound checksum and is cut
    try (WriteAheadLog<String> wal = open()) {
      assertThat(Replayed.all(wal)).isEmpty();
      assertThat(wal.endPosition()).isEqualTo(4);
    }
  }
}
