package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommitAndRecovery {
  @TempDir Path dir;
  private int nextId;

  private List<LogEvent> batch(Random random, int size, int days) {
    List<LogEvent> events = new ArrayList<>();
    Instant base = Instant.parse("2026-11-21T00:00:00Z");
    for (int i = 0; i < size; i++) {
      Instant time = base.minus(Duration.ofDays(random.nextInt(days))).plusMillis(random.nextInt(86_400_000));
      events.add(event(time, Level.INFO, "event " + nextId, Map.of("id", "id" + nextId++)));
    }
    return events;
  }

  private static void assertExactlyOnce(LogStore store, int expected) throws IOException {
    QueryResult result = all(store);
    Map<String, Integer> seen = new HashMap<>();
    for (String id : ids(result)) {
      seen.merge(id, 1, Integer::sum);
    }
    assertThat(seen.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicated events").isEmpty();
    for (int i = 0; i < expected; i++) {
      assertThat(seen).as("event id%d", i).containsKey("id" + i);
    }
    assertThat(result.total()).isEqualTo(expected);
  }

  @Test
  void commitRoundWritesTheCheckpointAndTellsTheListener() throws Exception {
    List<Long> checkpoints = new CopyOnWriteArrayList<>();
    TestWal wal = new TestWal();
    Random random = new Random(1);
    try (LogStore store = LogStore.open(config(dir, checkpoints))) {
      assertThat(store.checkpoint()).isZero();
      wal.appendAndSubmit(store, batch(random, 10, 3));
      wal.appendAndSubmit(store, batch(random, 10, 3));
      store.awaitIndexed();
      store.commit();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
      assertThat(checkpoints).containsExactly(wal.end());
      assertThat(Files.readString(dir.resolve("checkpoint")).strip()).isEqualTo("corral.wal.position=" + wal.end());
      assertThat(store.searcher().partitions()).allSatisfy(p -> assertThat(p.committedPosition()).isEqualTo(wal.end()));
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(reopened.checkpoint()).isEqualTo(wal.end());
      assertThat(reopened.searcher().partitions()).allSatisfy(p -> {
        assertThat(p.committedPosition()).isEqualTo(wal.end());
        assertThat(p.writerOpen()).isFalse();
      });
      assertExactlyOnce(reopened, 20);
    }
  }

  @Test
  void closeCommitsEverythingSubmitted() throws Exception {
    TestWal wal = new TestWal();
    Random random = new Random(2);
    try (LogStore store = LogStore.open(config(dir))) {
      for (int i = 0; i < 20; i++) {
        wal.appendAndSubmit(store, batch(random, 25, 2));
      }
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(reopened.checkpoint()).isEqualTo(wal.end());
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      assertExactlyOnce(reopened, 500);
    }
  }

  @Test
  void acknowledgedEventsSurviveACrashExactlyOnce() throws Exception {
    TestWal wal = new TestWal();
    Random random = new Random(3);
    LogStore store = LogStore.open(config(dir));
    for (int i = 0; i < 5; i++) {
      wal.appendAndSubmit(store, batch(random, 20, 2));
    }
    store.awaitIndexed();
    store.commit();
    for (int i = 0; i < 5; i++) { // indexed and searchable, never committed
      wal.appendAndSubmit(store, batch(random, 20, 2));
    }
    store.awaitIndexed();
    for (int i = 0; i < 5; i++) { // maybe not even indexed
      wal.appendAndSubmit(store, batch(random, 20, 2));
    }
    store.crashForTest();

    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(reopened.checkpoint()).isPositive().isLessThan(wal.end());
      assertThat(wal.replay(reopened, reopened.checkpoint())).isEqualTo(10);
      reopened.awaitIndexed();
      assertExactlyOnce(reopened, 300);
    }
  }

  @Test
  void aCommitRoundInterruptedBetweenPartitionsReplaysExactlyOnce() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("aCommitRoundInterruptedBetweenPartitionsReplaysExactlyOnce seed=" + seed);
    Random random = new Random(seed);
    for (int iteration = 0; iteration < 4; iteration++) {
      Path root = dir.resolve("run" + iteration);
      nextId = 0;
      TestWal wal = new TestWal();
      int days = 2 + random.nextInt(4);
      LogStore store = LogStore.open(config(root));
      int records = 5 + random.nextInt(20);
      for (int r = 0; r < records; r++) {
        wal.appendAndSubmit(store, batch(random, 1 + random.nextInt(30), days));
        if (random.nextInt(6) == 0) {
          store.awaitIndexed();
          store.commit();
        }
      }
      store.awaitIndexed();
      int crashAfter = random.nextInt(days);
      AtomicInteger committed = new AtomicInteger();
      store.commitRoundForTest().afterPartitionCommit = partition -> {
        if (committed.incrementAndGet() > crashAfter) {
          throw new IllegalStateException("simulated crash after " + crashAfter + " partition commits");
        }
      };
      try {
        store.commit(); // fails when more than crashAfter partitions had changes to commit
      } catch (StoreException expected) {
        assertThat(store.failure()).isPresent();
      }
      store.crashForTest();

      try (LogStore reopened = LogStore.open(config(root))) {
        long checkpoint = reopened.checkpoint();
        assertThat(reopened.searcher().partitions())
            .allSatisfy(p -> assertThat(p.committedPosition()).isGreaterThanOrEqualTo(0));
        wal.replay(reopened, checkpoint);
        reopened.awaitIndexed();
        assertExactlyOnce(reopened, nextId);
        int total = nextId;
        for (int r = 0; r < 3; r++) { // live ingest continues after recovery
          wal.appendAndSubmit(reopened, batch(random, 10, days));
        }
        reopened.awaitIndexed();
        assertExactlyOnce(reopened, total + 30);
      }
      try (LogStore again = LogStore.open(config(root))) { // clean close committed everything
        assertThat(again.checkpoint()).isEqualTo(wal.end());
        assertExactlyOnce(again, nextId);
      }
    }
  }

  @Test
  void replayingRecordsAlreadyCommittedAddsNothing() throws Exception {
    TestWal wal = new TestWal();
    Random random = new Random(4);
    try (LogStore store = LogStore.open(config(dir))) {
      for (int i = 0; i < 4; i++) {
        wal.appendAndSubmit(store, batch(random, 10, 3));
      }
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      wal.replay(reopened, 0); // as if the checkpoint file had been lost
      reopened.awaitIndexed();
      assertExactlyOnce(reopened, 40);
    }
  }

  @Test
  void theSchedulerCommitsAndAdvancesTheCheckpoint() throws Exception {
    List<Long> checkpoints = new CopyOnWriteArrayList<>();
    TestWal wal = new TestWal();
    StoreConfig config = config(dir, checkpoints).withIntervals(Duration.ofMillis(20), Duration.ofMillis(50));
    try (LogStore store = LogStore.open(config)) {
      wal.appendAndSubmit(store, batch(new Random(5), 10, 1));
      store.awaitIndexed();
      while (!checkpoints.contains(wal.end())) {
        Thread.sleep(10);
      }
      assertThat(store.checkpoint()).isEqualTo(wal.end());
    }
  }
}
