package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.ast.MatchAll;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-file caps (design.md, "Open files"): many more day partitions than writers and readers
 * may be open, in one record and in many, live, after a crash and after a restart; every event is
 * found exactly once and the caps hold throughout.
 */
class TestOpenFileCaps {
  /** 30 times as many days as writers: each closes and reopens all the time (a commit each, so kept small). */
  private static final int MAX_WRITERS = 4;
  private static final int MAX_READERS = 8;
  private static final int DAYS = 120;
  private static final LocalDate FIRST_DAY = LocalDate.of(1990, 1, 1);

  @TempDir Path dir;
  private final TestWal wal = new TestWal();
  private final Map<LocalDate, Integer> expectedPerDay = new HashMap<>();
  private int nextId;

  private StoreConfig config() {
    return config(new CopyOnWriteArrayList<>());
  }

  /** Two indexers (StoreTesting's), the small caps, and {@code checkpoints} collecting each commit round's. */
  private StoreConfig config(List<Long> checkpoints) {
    return StoreTesting.config(dir, checkpoints)
        .withLimits(new StoreLimits(MAX_WRITERS, MAX_READERS, StoreLimits.DEFAULT_MAX_FIELDS_PER_PARTITION,
            Duration.ofHours(1)));
  }

  /** One event on each of {@code days} days starting at {@code first}, every {@code step} days. */
  private List<LogEvent> spray(LocalDate first, int days, int step) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = first.plusDays((long) i * step);
      Instant time = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600 + i);
      events.add(event(time, Level.INFO, "day spray", Map.of("id", "id" + nextId++)));
      expectedPerDay.merge(day, 1, Integer::sum);
    }
    return events;
  }

  private void assertEveryEventOnce(LogStore store) throws IOException {
    QueryResult result = all(store);
    List<String> ids = ids(result);
    assertThat(result.total()).isEqualTo(nextId);
    assertThat(ids).doesNotHaveDuplicates().hasSize(nextId);
    for (Map.Entry<LocalDate, Integer> day : expectedPerDay.entrySet()) {
      long from = Timestamps.toNanos(day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant());
      long to = from + 86_400_000_000_000L - 1;
      QueryResult ofDay = StoreTesting.search(store, new MatchAll(), from, to, 0);
      assertThat(ofDay.total()).as("events of %s", day.getKey()).isEqualTo((long) day.getValue());
      assertThat(store.searcher().openReaders()).isLessThanOrEqualTo(MAX_READERS);
    }
  }

  @Test
  void oneRecordOnManyMoreDaysThanWritersIsIndexedExactlyOnceAndSurvivesRestart() throws Exception {
    try (LogStore store = LogStore.open(config())) {
      wal.appendAndSubmit(store, spray(FIRST_DAY, DAYS, 1));
      wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(5), 16, 7)); // reopens evicted days
      wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(DAYS - 1), 1, 1));
      store.awaitIndexed();

      assertThat(store.searcher().partitions()).hasSize(DAYS);
      assertThat(store.openWriters()).isLessThanOrEqualTo(MAX_WRITERS);
      assertThat(store.peakOpenWritersForTest()).isEqualTo(MAX_WRITERS);
      assertEveryEventOnce(store);
      store.commit();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
    }
    try (LogStore reopened = LogStore.open(config())) {
      assertThat(reopened.openWriters()).isZero();
      assertThat(reopened.searcher().openReaders()).isZero();
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      assertThat(reopened.searcher().fieldNames()).as("read from each day's last commit at open").contains("id");
      assertThat(reopened.searcher().openReaders()).as("no reader opened for names").isZero();
      assertEveryEventOnce(reopened);
      assertThat(reopened.searcher().fieldNames()).as("remembered for the closed days").contains("id");
    }
  }

  @Test
  void aCrashAfterEvictionsReplaysExactlyOnce() throws Exception {
    LogStore store = LogStore.open(config());
    wal.appendAndSubmit(store, spray(FIRST_DAY, 20, 1));
    store.awaitIndexed();
    store.commit();
    wal.appendAndSubmit(store, spray(FIRST_DAY, DAYS, 1)); // evicts through commits above the checkpoint
    wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(3), 12, 9));
    store.awaitIndexed();
    long checkpoint = store.checkpoint();
    store.crashForTest(); // no commit round after the first: the evicted partitions are ahead of it
    try (LogStore reopened = LogStore.open(config())) {
      assertThat(reopened.checkpoint()).isEqualTo(checkpoint);
      assertThat(wal.replay(reopened, reopened.checkpoint())).isEqualTo(2);
      reopened.awaitIndexed();
      assertThat(reopened.peakOpenWritersForTest()).isLessThanOrEqualTo(MAX_WRITERS);
      assertEveryEventOnce(reopened);
    }
  }

  @Test
  void manySmallRecordsOnOldDaysKeepTheCap() throws Exception {
    try (LogStore store = LogStore.open(config())) {
      for (int i = 0; i < 40; i++) {
        wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(i % 20), 3, 21)); // a back-fill, out of order
      }
      store.awaitIndexed();
      assertThat(store.peakOpenWritersForTest()).isLessThanOrEqualTo(MAX_WRITERS);
      assertEveryEventOnce(store);
    }
  }

  @Test
  void aRunningQueryKeepsItsSearcherWhenItsReaderIsClosed() throws Exception {
    try (LogStore store = LogStore.open(config())) {
      wal.appendAndSubmit(store, spray(FIRST_DAY, DAYS, 1));
      store.awaitIndexed();
      store.commit();
      AcquiredSearcher held = store.searcher().acquireForTest(FIRST_DAY);
      try (held) {
        assertEveryEventOnce(store); // opens every day's reader in turn: the first is closed long before the end
        assertThat(store.searcher().openReaders()).isLessThanOrEqualTo(MAX_READERS);
        assertThat(held.searcher().count(new MatchAllDocsQuery())).isEqualTo(expectedPerDay.get(FIRST_DAY));
      }
    }
  }

  @Test
  void aStoreThatStoppedTakingWritesRecoversFromTheWalExactlyOnce() throws Exception {
    List<Long> checkpoints = new CopyOnWriteArrayList<>();
    try (LogStore store = LogStore.open(config(checkpoints))) {
      store.recoverWith(wal.replaySource());
      wal.appendAndSubmit(store, spray(FIRST_DAY, 20, 1));
      store.awaitIndexed();
      store.commit();
      wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(10), 40, 2));
      store.awaitIndexed();
      store.commitRoundForTest().afterPartitionCommit = partition -> {
        throw new IllegalStateException("simulated: too many open files");
      };
      assertThat(catchFailure(store)).hasMessageContaining("too many open files");
      assertThat(store.failure()).isPresent();
      store.commitRoundForTest().afterPartitionCommit = partition -> { };
      wal.append(spray(FIRST_DAY.plusDays(100), 12, 1)); // acknowledged by the WAL while the store was stopped
      assertThat(store.recover()).isTrue();
      assertThat(store.failure()).isEmpty();
      wal.appendAndSubmit(store, spray(FIRST_DAY.plusDays(115), 5, 1));
      store.awaitIndexed();
      assertEveryEventOnce(store);
      store.commit();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
    }
    try (LogStore reopened = LogStore.open(config())) {
      assertEveryEventOnce(reopened);
    }
  }

  @Test
  void compactionsWhileWritersAreEvictedLoseNothing() throws Exception {
    StoreConfig tight = config().withLimits(new StoreLimits(StoreLimits.MIN_OPEN_WRITERS, 2,
        StoreLimits.DEFAULT_MAX_FIELDS_PER_PARTITION, Duration.ofHours(1)));
    try (LogStore store = LogStore.open(tight)) {
      wal.appendAndSubmit(store, spray(FIRST_DAY, 12, 1));
      store.awaitIndexed();
      Thread compactions = Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 12; i += 3) {
            store.lifecycle().compact(FIRST_DAY.plusDays(i)); // merges outside the locks while records evict writers
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      for (int round = 0; round < 6; round++) {
        wal.appendAndSubmit(store, spray(FIRST_DAY, 12, 1));
      }
      compactions.join();
      store.awaitIndexed();
      assertThat(store.failure()).isEmpty();
      assertEveryEventOnce(store);
      assertThat(store.searcher().partitions()).filteredOn(p -> p.tier() == Tier.WARM).isNotEmpty();
    }
    try (LogStore reopened = LogStore.open(config())) {
      assertEveryEventOnce(reopened);
    }
  }

  private static Exception catchFailure(LogStore store) {
    try {
      store.commit();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("the commit round should have failed");
  }
}
