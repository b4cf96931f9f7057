package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad cursor file never stops the log and never skips a record silently: an unreadable one is
 * moved aside and its follower starts over at the oldest record, one past the end starts at the end,
 * one off a record boundary starts at the beginning of its segment (design.md).
 */
class BadCursorTest {
  private static final long SEGMENT_BYTES = 104;
  private static final FollowOptions EVERY_PASS = new FollowOptions(StartPoint.END, Duration.ZERO);

  @TempDir Path dir;

  private WriteAheadLog<String> open() throws IOException {
    return WriteAheadLog.open(new WalConfig(dir, SEGMENT_BYTES, 1000, 4096, WalRetention.NONE),
        PushedConsumers.<String>none().withLive("sink", (p, n, c) -> {}), Duration.ZERO);
  }

  private void writeCursor(String text) throws IOException {
    Files.createDirectories(dir.resolve("consumers"));
    Files.writeString(dir.resolve("consumers/backup.cursor"), text, StandardCharsets.UTF_8);
  }

  private Received followToEnd(WriteAheadLog<String> wal) throws Exception {
    Received received = new Received();
    try (WalFollower follower = wal.follow("backup", EVERY_PASS, received)) {
      Received.awaitProcessed(follower, wal.endPosition());
    }
    return received;
  }

  @Test
  void anUnreadableCursorIsMovedAsideAndTheFollowerStartsAtTheOldestRecord() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      WalFollowerTest.append(wal, 5);
    }
    writeCursor("corral.wal.cursor=12x\n");
    try (WriteAheadLog<String> wal = open()) {
      Received received = followToEnd(wal);
      assertThat(received.positions).hasSize(5).first().isEqualTo(0L);
    }
    assertThat(dir.resolve("consumers/backup.cursor.corrupt")).hasContent("corral.wal.cursor=12x");
    assertThat(dir.resolve("consumers/backup.cursor")).hasContent("corral.wal.cursor=160");
  }

  @Test
  void aCursorPastTheEndStartsAtTheEnd() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      WalFollowerTest.append(wal, 2);
    }
    writeCursor("corral.wal.cursor=999999\n");
    try (WriteAheadLog<String> wal = open()) {
      Received received = followToEnd(wal);
      assertThat(received.positions).isEmpty();
      assertThat(wal.consumers().getLast().cursor()).isEqualTo(64);
    }
    assertThat(dir.resolve("consumers/backup.cursor.corrupt")).exists();
  }

  @Test
  void aCursorOffARecordBoundaryStartsAtTheBeginningOfItsSegment() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      WalFollowerTest.append(wal, 5);
    }
    writeCursor("corral.wal.cursor=100\n");
    try (WriteAheadLog<String> wal = open()) {
      Received received = followToEnd(wal);
      assertThat(received.positions).containsExactly(96L, 128L);
    }
  }
}
