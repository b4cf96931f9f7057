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

  /** Holds records in pairs, as a batch uploader would; releases a pair when it is full, or everything when a pass ends if asked. */
  private static final class PairHolder implements RecordConsumer {
    final List<Long> positions = new java.util.concurrent.CopyOnWriteArrayList<>();
    final boolean releaseAtPassEnd;
    volatile boolean passEnded;
    private long heldFrom = -1;
    private int held;

    PairHolder(boolean releaseAtPassEnd) {
      this.releaseAtPassEnd = releaseAtPassEnd;
    }

    @Override
    public void accept(long position, long nextPosition, byte[] payload) {
      positions.add(position);
      if (heldFrom < 0) {
        heldFrom = position;
      }
      if (++held == 2) {
        heldFrom = -1;
        held = 0;
      }
    }

    @Override
    public long processedUpTo(long next) {
      return heldFrom < 0 ? next : heldFrom;
    }

    @Override
    public void passEnded() {
      if (releaseAtPassEnd) {
        heldFrom = -1;
        held = 0;
      }
      passEnded = true;
    }
  }

  @Test
  void aConsumerHoldingRecordsKeepsTheCursorBeforeThemAcrossARestart() throws Exception {
    List<Long> positions;
    try (WriteAheadLog<String> wal = open()) {
      positions = append(wal, 5);
      PairHolder holder = new PairHolder(false);
      try (WalFollower follower = wal.follow("uploader", EVERY_PASS, holder)) {
        while (holder.positions.size() < 5 || !holder.passEnded) {
          Thread.sleep(1);
        }
        Received.awaitProcessed(follower, positions.get(4));
        assertThat(follower.processedPosition()).as("the fifth record is held").isEqualTo(positions.get(4));
      }
      assertThat(wal.consumers()).filteredOn(c -> c.name().equals("uploader")).singleElement()
          .satisfies(lag -> assertThat(lag.lagRecords()).isEqualTo(1));
    }
    assertThat(Files.readString(dir.resolve("consumers/uploader.cursor"), StandardCharsets.UTF_8))
        .isEqualTo("corral.wal.cursor=" + positions.get(4) + "\n");
    try (WriteAheadLog<String> wal = open()) {
      Received received = new Received();
      try (WalFollower follower = wal.follow("uploader", EVERY_PASS, received)) {
        Received.awaitProcessed(follower, wal.endPosition());
      }
      assertThat(received.positions).containsExactly(positions.get(4));
    }
  }

  @Test
  void aConsumerReleasingAtTheEndOfAPassMovesTheCursorToTheEnd() throws Exception {
    try (WriteAheadLog<String> wal = open()) {
      append(wal, 3);
      try (WalFollower follower = wal.follow("uploader", EVERY_PASS, new PairHolder(true))) {
        Received.awaitProcessed(follower, wal.endPosition());
      }
      assertThat(Files.readString(dir.resolve("consumers/uploader.cursor"), StandardCharsets.UTF_8))
          .isEqualTo("corral.wal.cursor=" + wal.endPosition() + "\n");
    }
  }
}
