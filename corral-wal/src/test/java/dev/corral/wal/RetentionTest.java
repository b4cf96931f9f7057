package dev.corral.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments go only when every durable consumer has passed them, or over the bound, never before the essential one. */
class RetentionTest {
  /** Three records of 8 + 24 bytes per segment: nine records make two sealed segments and an active one. */
  private static final long SEGMENT_BYTES = 104;
  private static final FollowOptions EVERY_PASS = new FollowOptions(StartPoint.OLDEST, Duration.ZERO);

  @TempDir Path dir;
  private final AtomicLong indexer = new AtomicLong();

  private WriteAheadLog<String> open(WalRetention bound) throws IOException {
    PushedConsumers<String> consumers = PushedConsumers.<String>none()
        .withEssential("indexer", indexer::get, (p, n, c) -> {});
    return WriteAheadLog.open(new WalConfig(dir, SEGMENT_BYTES, 1000, 4096, bound), consumers, Duration.ZERO);
  }

  /** Attaches {@code name} at the oldest record and detaches it at once: a stuck follower at the start. */
  private static void registerStuckFollower(WriteAheadLog<String> wal, String name) throws IOException {
    wal.follow(name, FollowOptions.startingAt(StartPoint.OLDEST), new Received()).close();
  }

  @Test
  void deletionWaitsForTheSlowestDurableConsumer() throws Exception {
    try (WriteAheadLog<String> wal = open(WalRetention.NONE)) {
      registerStuckFollower(wal, "backup");
      WalFollowerTest.append(wal, 9);
      indexer.set(wal.endPosition());
      assertThat(wal.enforceRetention()).as("backup has read nothing").isZero();
      assertThat(wal.stats().segments()).isEqualTo(3);

      try (WalFollower backup = wal.follow("backup", EVERY_PASS, new Received())) {
        Received.awaitProcessed(backup, wal.endPosition());
      }
      indexer.set(96);
      assertThat(wal.enforceRetention()).as("the indexer has passed the first segment only").isEqualTo(1);
      indexer.set(wal.endPosition());
      assertThat(wal.enforceRetention()).isEqualTo(1);
      assertThat(wal.startPosition()).isEqualTo(192);
      assertThat(wal.stats().segments()).as("the active segment stays").isEqualTo(1);
    }
  }

  @Test
  void theSizeBoundSkipsAStuckFollowerWhichIsToldWhatItMissed() throws Exception {
    try (WriteAheadLog<String> wal = open(new WalRetention(250, Duration.ZERO))) {
      registerStuckFollower(wal, "backup");
      WalFollowerTest.append(wal, 9);
      indexer.set(wal.endPosition());
      assertThat(wal.enforceRetention()).as("312 bytes retained, 208 after one segment").isEqualTo(1);
      assertThat(wal.startPosition()).isEqualTo(96);

      Received received = new Received();
      try (WalFollower backup = wal.follow("backup", EVERY_PASS, received)) {
        Received.awaitProcessed(backup, wal.endPosition());
      }
      assertThat(received.missed).containsExactly(new MissedRecords("backup", 0, 96));
      assertThat(received.positions).first().isEqualTo(96L);
      ConsumerLag lag = wal.consumers().stream().filter(c -> c.name().equals("backup")).findFirst().orElseThrow();
      assertThat(lag.gaps()).isEqualTo(1);
      assertThat(lag.missedBytes()).isEqualTo(96);
    }
  }

  @Test
  void theBoundNeverSkipsTheEssentialConsumer() throws Exception {
    try (WriteAheadLog<String> wal = open(new WalRetention(1, Duration.ofMillis(1)))) {
      WalFollowerTest.append(wal, 9);
      indexer.set(95);
      assertThat(wal.enforceRetention()).isZero();
      assertThat(wal.startPosition()).isZero();
    }
  }

  @Test
  void theAgeBoundDeletesSegmentsLastWrittenTooLongAgo() throws Exception {
    try (WriteAheadLog<String> wal = open(new WalRetention(0, Duration.ofHours(1)))) {
      registerStuckFollower(wal, "backup");
      WalFollowerTest.append(wal, 9);
      indexer.set(wal.endPosition());
      assertThat(wal.enforceRetention()).as("both sealed segments are fresh").isZero();
      Files.setLastModifiedTime(dir.resolve("00000000000000000000.wal"),
          FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      assertThat(wal.enforceRetention()).isEqualTo(1);
      assertThat(wal.startPosition()).isEqualTo(96);
    }
  }

  @Test
  void aStuckFollowerHoldsSegmentsBackAfterARestartBeforeItAttachesAgain() throws Exception {
    try (WriteAheadLog<String> wal = open(WalRetention.NONE)) {
      registerStuckFollower(wal, "backup");
      WalFollowerTest.append(wal, 9);
    }
    try (WriteAheadLog<String> wal = open(WalRetention.NONE)) {
      indexer.set(wal.endPosition());
      assertThat(wal.enforceRetention()).isZero();
      assertThat(wal.consumers()).extracting(ConsumerLag::name, ConsumerLag::attached)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("indexer", true),
              org.assertj.core.groups.Tuple.tuple("backup", false));
      assertThat(wal.removeFollower("backup")).isTrue();
      assertThat(wal.enforceRetention()).isEqualTo(2);
    }
  }

  @Test
  void withNoDurableConsumerOnlyTheBoundDeletes() throws Exception {
    try (WriteAheadLog<String> wal = WriteAheadLog.open(
        new WalConfig(dir, SEGMENT_BYTES, 1000, 4096, new WalRetention(250, Duration.ZERO)),
        PushedConsumers.<String>none().withLive("sink", (p, n, c) -> {}), Duration.ZERO)) {
      WalFollowerTest.append(wal, 9);
      assertThat(wal.enforceRetention()).isEqualTo(1);
      assertThat(wal.enforceRetention()).isZero();
    }
  }
}
