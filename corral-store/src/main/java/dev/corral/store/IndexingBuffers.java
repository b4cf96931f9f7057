package dev.corral.store;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the RAM that the partition writers' indexing buffers hold together. Lucene bounds each
 * writer's buffer ({@link StoreConfig#ramBufferMb()}) and flushes it into a segment when full; with
 * refreshes on demand nothing else flushes between commit rounds (design.md, "Refresh on demand"),
 * so with several writers open (late events for other days) the buffers together could outgrow
 * the heap, where a refresh every 500 ms used to keep each one small. {@link #flushBeyondBudget}
 * flushes the fullest buffers into segments until the rest fit in the budget (the same {@code
 * ramBufferMb}: the store as a whole buffers no more than one writer may), without refreshing or
 * committing anything.
 *
 * <p>Thread-safety: called from the committer thread every {@link #CHECK_INTERVAL}; a writer
 * closed meanwhile is skipped.
 */
final class IndexingBuffers {
  /** Logs under the store's name: operators follow one logger for the store. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);
  /** At full ingest speed (about 25 MB of buffer a second on two cores) the overshoot stays below the budget. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Partitions partitions;
  private final long budgetBytes;

  IndexingBuffers(Partitions partitions, long budgetBytes) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("budgetBytes (" + budgetBytes + ") must be positive");
    }
    this.partitions = partitions;
    this.budgetBytes = budgetBytes;
  }

  /**
   * Flushes the writers holding the most buffered bytes until the others hold at most the budget
   * together.
   *
   * @return how many writers were flushed
   */
  int flushBeyondBudget() throws IOException {
    List<Buffered> buffered = new ArrayList<>();
    long total = 0;
    for (DailyPartition partition : partitions.newestFirst()) {
      long bytes = partition.bufferedBytes();
      if (bytes > 0) {
        buffered.add(new Buffered(partition, bytes));
        total += bytes;
      }
    }
    buffered.sort(Comparator.comparingLong(Buffered::bytes).reversed());
    int flushed = 0;
    for (Buffered fullest : buffered) {
      if (total <= budgetBytes) {
        break;
      }
      fullest.partition().flushBuffer();
      total -= fullest.bytes();
      flushed++;
    }
    if (flushed > 0) {
      log.atDebug().addKeyValue("writers", flushed).addKeyValue("budget_bytes", budgetBytes)
          .log("flushed indexing buffers over the store's budget");
    }
    return flushed;
  }

  private record Buffered(DailyPartition partition, long bytes) {}
}
