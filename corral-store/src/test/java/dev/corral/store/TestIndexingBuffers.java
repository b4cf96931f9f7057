package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store-wide bound on indexing buffers ({@link IndexingBuffers}): the fullest writers flush first. */
class TestIndexingBuffers {
  @TempDir Path dir;

  @Test
  void theFullestBuffersAreFlushedUntilTheRestFitTheBudget() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      index(store, wal, "2026-11-19", 50);
      index(store, wal, "2026-11-20", 400);
      index(store, wal, "2026-11-21", 100);
      store.awaitQueueEmpty();
      long small = store.bufferedBytesForTest(LocalDate.parse("2026-11-19"));
      long big = store.bufferedBytesForTest(LocalDate.parse("2026-11-20"));
      long middle = store.bufferedBytesForTest(LocalDate.parse("2026-11-21"));
      assertThat(big).isGreaterThan(middle);
      assertThat(middle).isGreaterThan(small);

      assertThat(store.flushBuffersBeyondForTest(big + middle + small)).as("all fit").isZero();
      assertThat(store.flushBuffersBeyondForTest(middle + small)).as("the fullest only").isEqualTo(1);
      assertThat(store.bufferedBytesForTest(LocalDate.parse("2026-11-20"))).isLessThan(big);
      assertThat(store.bufferedBytesForTest(LocalDate.parse("2026-11-21"))).isEqualTo(middle);

      store.awaitIndexed(); // a read within the refresh interval may see the reader as it was
      assertThat(all(store).total()).as("flushed, not lost").isEqualTo(550);
    }
  }

  private static void index(LogStore store, TestWal wal, String day, int count) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(day + "T10:00:00Z", "event number " + i, Map.of("id", day + "-" + i)));
    }
    wal.appendAndSubmit(store, events);
  }
}
