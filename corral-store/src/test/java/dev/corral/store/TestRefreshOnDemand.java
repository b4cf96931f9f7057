package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The freshness contract without a timer (design.md, "Refresh on demand"): nothing refreshes in the
 * background unless reads keep coming, and every read refreshes the partitions it reads when their
 * reader is older than the refresh interval. Tested by state: the partition's own reader shows no
 * event until a read, a commit round or (within the demand window) the refresher refreshes it.
 */
class TestRefreshOnDemand {
  private static final LocalDate DAY = LocalDate.parse("2026-11-21");
  private static final int EVENTS = 30;

  @TempDir Path dir;

  @Test
  void aQueryMakesEveryIndexedEventVisibleWithNoBackgroundRefresh() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    try (LogStore store = LogStore.open(config(dir).withIntervals(Duration.ZERO, Duration.ofHours(1)),
        countingRefreshes(refreshes))) {
      TestWal wal = new TestWal();
      indexWithoutRefresh(store, wal, "q");
      assertThat(visibleInReader(store)).as("no refresh ran before the query").isZero();
      assertThat(refreshes).hasValue(0);

      assertThat(all(store).total()).isEqualTo(EVENTS);
      assertThat(visibleInReader(store)).isEqualTo(EVENTS);
      assertThat(refreshes).as("the query's own refresh").hasValue(1);
    }
  }

  @Test
  void fieldNamesAndPartitionCountsRefreshToo() throws Exception {
    try (LogStore store = LogStore.open(config(dir).withIntervals(Duration.ZERO, Duration.ofHours(1)))) {
      TestWal wal = new TestWal();
      indexWithoutRefresh(store, wal, "f");
      assertThat(store.searcher().fieldNames()).contains("zebra_field");
      assertThat(visibleInReader(store)).isEqualTo(EVENTS);

      indexWithoutRefresh(store, wal, "p");
      assertThat(store.searcher().partitions()).singleElement()
          .satisfies(partition -> assertThat(partition.docCount()).isEqualTo(2 * EVENTS));
    }
  }

  @Test
  void aReaderYoungerThanTheIntervalIsKeptUntilACommitRoundRefreshesIt() throws Exception {
    try (LogStore store = LogStore.open(config(dir).withIntervals(Duration.ofHours(1), Duration.ofHours(1)))) {
      TestWal wal = new TestWal();
      indexWithoutRefresh(store, wal, "c");
      assertThat(all(store).total()).as("the reader opened with the writer, within the hour: kept").isZero();

      store.commit();
      assertThat(visibleInReader(store)).as("the commit round refreshed it").isEqualTo(EVENTS);
      assertThat(all(store).total()).isEqualTo(EVENTS);
    }
  }

  @Test
  void whileReadsKeepComingTheRefresherRefreshesAheadOfThem() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    try (LogStore store = LogStore.open(config(dir).withIntervals(Duration.ofMillis(40), Duration.ofHours(1)),
        countingRefreshes(refreshes))) {
      TestWal wal = new TestWal();
      indexWithoutRefresh(store, wal, "n");
      Thread.sleep(200); // 20 ticks of the refresher: without a read it must not refresh
      assertThat(refreshes).as("no read yet: no background refresh").hasValue(0);
      assertThat(visibleInReader(store)).isZero();

      assertThat(all(store).total()).as("the read refreshes itself").isEqualTo(EVENTS);
      indexWithoutRefresh(store, wal, "m");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (visibleInReader(store) < 2 * EVENTS && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(visibleInReader(store)).as("refreshed ahead of the next read, by no read").isEqualTo(2 * EVENTS);
    }
  }

  /** Submits {@link #EVENTS} events and waits until the indexers applied them, without refreshing. */
  private static void indexWithoutRefresh(LogStore store, TestWal wal, String prefix) throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(event("2026-11-21T10:00:00Z", "m", Map.of("id", prefix + i, "zebra_field", (long) i)));
    }
    wal.appendAndSubmit(store, events);
    store.awaitQueueEmpty();
  }

  /** Events the partition's current reader shows, read without refreshing it. */
  private static int visibleInReader(LogStore store) throws Exception {
    try (AcquiredSearcher searcher = store.searcher().acquireForTest(DAY)) {
      return searcher.searcher().getIndexReader().numDocs();
    }
  }

  private static StoreTimings countingRefreshes(AtomicInteger refreshes) {
    return new StoreTimings() {
      @Override
      public void refreshed(long nanos) {
        refreshes.incrementAndGet();
      }

      @Override
      public void committed(long nanos) {}
    };
  }
}
