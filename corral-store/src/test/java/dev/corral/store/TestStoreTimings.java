package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreTimings}: a commit round is reported once when it committed something and not at all
 * when there was nothing to commit; refresh passes are reported once a partition has a writer.
 */
class TestStoreTimings {
  /** Refreshes run every 50 ms here; this many checks of 10 ms is far more than a loaded machine needs. */
  private static final int MAX_POLLS = 2000;

  @TempDir Path dir;
  private final TestWal wal = new TestWal();

  /** Keeps every reported duration. */
  private static final class RecordedTimings implements StoreTimings {
    final List<Long> refreshes = new CopyOnWriteArrayList<>();
    final List<Long> commits = new CopyOnWriteArrayList<>();

    @Override
    public void refreshed(long nanos) {
      refreshes.add(nanos);
    }

    @Override
    public void committed(long nanos) {
      commits.add(nanos);
    }
  }

  @Test
  void aCommitRoundIsReportedOnlyWhenItCommittedAndRefreshesOnceAWriterIsOpen() throws Exception {
    RecordedTimings timings = new RecordedTimings();
    try (LogStore store = LogStore.open(config(dir), timings)) {
      store.commit();
      assertThat(timings.commits).as("nothing to commit").isEmpty();
      assertThat(timings.refreshes).as("no writer yet").isEmpty();

      wal.appendAndSubmit(store, List.of(event("2026-11-20T10:00:00Z", "a", Map.of("service", "api"))));
      store.awaitIndexed();
      assertThat(store.indexingLagNanos()).as("nothing waits for an indexer").isZero();
      store.commit();
      assertThat(timings.commits).hasSize(1).allMatch(nanos -> nanos > 0);
      store.commit();
      assertThat(timings.commits).as("nothing new to commit").hasSize(1);

      for (int poll = 0; poll < MAX_POLLS && timings.refreshes.isEmpty(); poll++) {
        Thread.sleep(10);
      }
      assertThat(timings.refreshes).isNotEmpty().allMatch(nanos -> nanos >= 0);
    }
  }
}
