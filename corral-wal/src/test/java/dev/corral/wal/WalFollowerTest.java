package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalFollowerTest {
  /** Header 8 + three records of 8 + 24 bytes: three records per segment, so reads cross segments. */
  private static final long SEGMENT_BYTES = 104;
  private static final FollowOptions EVERY_PASS = new FollowOptions(StartPoint.OLDEST, Duration.ZERO);

  @TempDir Path dir;

  private WriteAheadLog<String> open() throws IOException {
    return WriteAheadLog.open(new WalConfig(dir, SEGMENT_BYTES, 1000, 4096, WalRetention.NONE), (p, n, c) -> {});
  }

  static List<Long> append(WriteAheadLog<String> wal, int count) throws IOException {
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[24];
      payload[0] = (byte) i;
      positions.add(wal.append(payload, null));
    }
    return positions;
  }

  @Test
  void readsFromTheOldestRecordThenFollowsLiveAppends() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      List<Long> expected = new ArrayList<>(append(wal, 5));
      Received received = new Received();
      try (WalFollower follower = wal.follow("backup", EVERY_PASS, received)) {
        Received.awaitProcessed(follower, wal.endPosition());
        expected.addAll(append(wal, 5));
        Received.awaitProcessed(follower, wal.endPosition());
      }
      assertThat(received.positions).isEqualTo(expected);
      assertThat(received.missed).isEmpty();
    }
  }

  @Test
  void cursorPersistsAcrossARestartAndReadingResumesAfterIt() throws Exception {
    long persisted;
    try (WriteAheadLog<String> wal = open()) {
      append(wal, 4);
      try (WalFollower follower = wal.follow("backup", FollowOptions.startingAt(StartPoint.OLDEST), new Received())) {
        Received.awaitProcessed(follower, wal.endPosition());
      }
      persisted = wal.endPosition();
      append(wal, 3);
    }
    assertThat(Files.readString(dir.resolve("consumers/backup.cursor"), StandardCharsets.UTF_8))
        .isEqualTo("corral.wal.cursor=" + persisted + "\n");
    try (WriteAheadLog<String> wal = open()) {
      Received received = new Received();
      try (WalFollower follower = wal.follow("backup", EVERY_PASS, received)) {
        Received.awaitProcessed(follower, wal.endPosition());
      }
      assertThat(received.positions).first().isEqualTo(persisted);
      assertThat(received.positions).hasSize(3);
    }
  }

  @Test
  void aNewFollowerStartingAtTheEndSeesOnlyNewRecords() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      append(wal, 4);
      Received received = new Received();
      try (WalFollower follower = wal.follow("alerts", new FollowOptions(StartPoint.END, Duration.ZERO), received)) {
        List<Long> fresh = append(wal, 2);
        Received.awaitProcessed(follower, wal.endPosition());
        assertThat(received.positions).isEqualTo(fresh);
      }
    }
  }

  @Test
  void aFollowerIsAttachedOnceAndNamesArePlain() throws Exception {
    try (WriteAheadLog<String> wal = open(); WalFollower follower = wal.follow("backup", EVERY_PASS, new Received())) {
      assertThatThrownBy(() -> wal.follow("backup", EVERY_PASS, new Received()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("'backup' is attached already");
      assertThatThrownBy(() -> wal.follow("Back up", EVERY_PASS, new Received()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Back up' must match");
      assertThatThrownBy(() -> wal.removeFollower("backup")).isInstanceOf(IllegalStateException.class);
      assertThat(follower.failure()).isEmpty();
    }
  }

  @Test
  void aConsumerThatThrowsStopsItsFollowerBeforeTheFailedRecord() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      List<Long> positions = append(wal, 3);
      RecordConsumer failing = (position, next, payload) -> {
        if (position == positions.get(1)) {
          throw new IOException("downstream refused");
        }
      };
      WalFollower follower = wal.follow("kafka", EVERY_PASS, failing);
      while (follower.failure().isEmpty()) {
        Thread.sleep(1);
      }
      follower.close();
      assertThat(follower.failure().get()).hasMessage("downstream refused");
      assertThat(follower.persistedPosition()).isEqualTo(positions.get(1));
    }
  }
}
