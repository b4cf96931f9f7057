package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFullTest {
  @TempDir Path dir;
  private final FailingChannel.Disk disk = new FailingChannel.Disk();

  private WriteAheadLog<String> open(long segmentBytes) throws IOException {
    return WriteAheadLog.open(new WalConfig(dir, segmentBytes, 1000, 4096), (p, n, c) -> {},
        disk.opener());
  }

  private Path firstSegment() {
    return dir.resolve("00000000000000000000.wal");
  }

  @Test
  void diskFullFailsTheAppendTruncatesThePartialWriteAndStaysUsable() throws IOException {
    try (WriteAheadLog<String> wal = open(1 << 20)) {
      wal.append(new byte[100], null);
      long end = wal.endPosition();
      long sizeBefore = Files.size(firstSegment());
      disk.spaceLeft.set(50); // the next record's header and part of its payload fit
      assertThatThrownBy(() -> wal.append(new byte[100], null))
          .isInstanceOfSatisfying(WalException.class, e -> assertThat(e.isDiskFull()).isTrue())
          .hasMessageContaining("disk full").hasMessageContaining("No space left on device");
      assertThat(wal.failure()).isEmpty();
      assertThat(wal.endPosition()).isEqualTo(end);
      assertThat(Files.size(firstSegment())).isEqualTo(sizeBefore);

      disk.spaceLeft.set(Long.MAX_VALUE); // space freed
      assertThat(wal.append(new byte[] {9}, null)).isEqualTo(end);
      assertThat(Replayed.all(wal)).extracting(r -> r.payload().length).containsExactly(100, 1);
      assertThat(wal.stats().appends()).isEqualTo(2);
    }
    try (WriteAheadLog<String> wal = open(1 << 20)) {
      assertThat(Replayed.all(wal)).extracting(r -> r.payload().length).containsExactly(100, 1);
    }
  }

  @Test
  void diskFullWhileRollingLeavesNoStraySegment() throws IOException {
    try (WriteAheadLog<String> wal = open(104)) {
      for (int i = 0; i < 3; i++) {
        wal.append(new byte[24], null);
      }
      disk.spaceLeft.set(3); // the new segment's header does not fit
      assertThatThrownBy(() -> wal.append(new byte[24], null))
          .isInstanceOfSatisfying(WalException.class, e -> assertThat(e.isDiskFull()).isTrue());
      assertThat(Files.exists(dir.resolve("00000000000000000096.wal"))).isFalse();
      assertThat(wal.failure()).isEmpty();
      disk.spaceLeft.set(Long.MAX_VALUE);
      assertThat(wal.append(new byte[24], null)).isEqualTo(96);
    }
    try (WriteAheadLog<String> wal = open(104)) {
      assertThat(Replayed.all(wal)).hasSize(4);
    }
  }

  @Test
  void failedTruncationStopsTheLogLoudlyButReadsContinue() throws IOException {
    try (WriteAheadLog<String> wal = open(1 << 20)) {
      wal.append(new byte[10], null);
      disk.spaceLeft.set(12);
      disk.failTruncate.set(true);
      assertThatThrownBy(() -> wal.append(new byte[100], null))
          .isInstanceOfSatisfying(WalException.class, e -> assertThat(e.isDiskFull()).isTrue())
          .hasMessageContaining("stopped taking writes");
      assertThat(wal.failure()).get().asString().contains("No space left on device");

      disk.spaceLeft.set(Long.MAX_VALUE);
      disk.failTruncate.set(false);
      assertThatThrownBy(() -> wal.append(new byte[1], null))
          .isInstanceOf(WalException.class).hasMessageContaining("stopped taking writes");
      assertThat(Replayed.all(wal)).hasSize(1);
    }
    // a restart recovers: the partial record is a torn tail
    try (WriteAheadLog<String> wal = open(1 << 20)) {
      assertThat(Replayed.all(wal)).hasSize(1);
      assertThat(wal.append(new byte[1], null)).isEqualTo(18);
    }
  }

  @Test
  void diskFullIsRecognizedFromOsMessages() {
    assertThat(WalException.causedByFullDisk(new IOException("No space left on device"))).isTrue();
    assertThat(WalException.causedByFullDisk(
        new IOException("write failed", new IOException("Disk quota exceeded")))).isTrue();
    assertThat(WalException.causedByFullDisk(new IOException("Input/output error"))).isFalse();
  }
}
