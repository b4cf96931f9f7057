package dev.corral.wal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendReplayTest {
  @TempDir Path dir;

  private WalConfig config() {
    return new WalConfig(dir, 1 << 20, 1000, 4096);
  }

  @Test
  void payloadsOfZeroOneAndLimitBytesRoundTrip() throws IOException {
    byte[] limit = new byte[1000];
    Arrays.fill(limit, (byte) 7);
    List<byte[]> payloads = List.of(new byte[0], new byte[] {42}, limit, "last".getBytes(UTF_8));
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      List<Long> positions = new ArrayList<>();
      for (byte[] payload : payloads) {
        positions.add(wal.append(payload, null));
      }
      assertThat(positions).containsExactly(0L, 8L, 17L, 1025L);
      assertThat(wal.endPosition()).isEqualTo(1025L + 8 + 4);
      List<Replayed> replayed = Replayed.all(wal);
      assertThat(replayed).extracting(Replayed::position).isEqualTo(positions);
      for (int i = 0; i < payloads.size(); i++) {
        assertThat(replayed.get(i).payload()).isEqualTo(payloads.get(i));
      }
      assertThat(replayed.getLast().nextPosition()).isEqualTo(wal.endPosition());
    }
  }

  @Test
  void appendOfASliceStoresOnlyTheSlice() throws IOException {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      wal.append("xxhelloyy".getBytes(UTF_8), 2, 5, null);
      assertThat(new String(Replayed.all(wal).getFirst().payload(), UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void recordOverMaxRecordBytesIsRejectedNamingSizeAndLimit() throws IOException {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      assertThatThrownBy(() -> wal.append(new byte[1001], null))
          .isInstanceOf(WalException.class)
          .hasMessageContaining("1001 bytes").hasMessageContaining("1000 bytes");
      assertThat(wal.endPosition()).isZero();
      wal.append(new byte[1], null);
      assertThat(Replayed.all(wal)).hasSize(1);
    }
  }

  @Test
  void sinkSeesEachRecordWithContextBeforeAppendReturns() throws IOException {
    List<String> seen = new ArrayList<>();
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(),
        (position, next, context) -> seen.add(position + "-" + next + ":" + context))) {
      wal.append(new byte[2], "a");
      assertThat(seen).containsExactly("0-10:a");
      wal.append(new byte[0], "b");
      assertThat(seen).containsExactly("0-10:a", "10-18:b");
    }
  }

  @Test
  void failingSinkDoesNotFailTheDurableAppend() throws IOException {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {
      throw new IllegalStateException("sink broke");
    })) {
      assertThat(wal.append(new byte[3], null)).isZero();
      assertThat(Replayed.all(wal)).hasSize(1);
    }
  }

  @Test
  void reopenAfterCloseContinuesPositions() throws IOException {
    long end;
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      wal.append("one".getBytes(UTF_8), null);
      wal.append("two".getBytes(UTF_8), null);
      end = wal.endPosition();
    }
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      assertThat(wal.endPosition()).isEqualTo(end);
      assertThat(wal.append("three".getBytes(UTF_8), null)).isEqualTo(end);
      assertThat(Replayed.all(wal)).extracting(r -> new String(r.payload(), UTF_8))
          .containsExactly("one", "two", "three");
    }
  }

  @Test
  void replayFromAMiddlePositionSkipsEarlierRecords() throws IOException {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      List<Long> positions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        positions.add(wal.append(new byte[] {(byte) i}, null));
      }
      assertThat(Replayed.all(wal, positions.get(4))).extracting(Replayed::position)
          .isEqualTo(positions.subList(4, 10));
      assertThat(Replayed.all(wal, positions.get(4) + 1)).extracting(Replayed::position)
          .isEqualTo(positions.subList(5, 10));
      assertThat(Replayed.all(wal, wal.endPosition())).isEmpty();
    }
  }

  @Test
  void appendAfterCloseFailsClearly() throws IOException {
    WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {});
    wal.close();
    wal.close();
    assertThatThrownBy(() -> wal.append(new byte[1], null))
        .isInstanceOf(WalException.class).hasMessageContaining("closed");
  }

  @Test
  void newLogStartsWithAnEmptyFirstSegment() throws IOException {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(config(), (p, n, c) -> {})) {
      assertThat(wal.startPosition()).isZero();
      assertThat(wal.endPosition()).isZero();
      assertThat(Replayed.all(wal)).isEmpty();
      assertThat(Files.exists(dir.resolve("00000000000000000000.wal"))).isTrue();
      assertThat(wal.stats()).isEqualTo(new WalStats(1, SegmentFile.HEADER_BYTES, 0, 0, 0));
    }
  }
}
