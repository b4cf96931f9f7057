package dev.corral.store;

import dev.corral.model.EventBatch;
import java.util.Arrays;

/**
 * A WAL record handed to the store, waiting in the indexing queue.
 *
 * @param position the record's WAL position
 * @param nextPosition the position of the record after it
 * @param batch its events
 * @param sequence 1-based submission order
 * @param days the distinct UTC days (epoch days) of its events, ascending: the partitions it writes to
 * @param submittedNanos when it was queued ({@link System#nanoTime()}), for the indexing lag
 */
record SubmittedBatch(long position, long nextPosition, EventBatch batch, long sequence, long[] days,
    long submittedNanos) {
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  /** A batch submitted now, with its days worked out. */
  static SubmittedBatch of(long position, long nextPosition, EventBatch batch, long sequence) {
    return new SubmittedBatch(position, nextPosition, batch, sequence, distinctDays(batch), System.nanoTime());
  }

  private static long[] distinctDays(EventBatch batch) {
    int n = batch.size();
    if (n == 0) {
      return new long[0];
    }
    long first = Math.floorDiv(batch.events().get(0).timestamp(), NANOS_PER_DAY);
    int i = 1;
    while (i < n && Math.floorDiv(batch.events().get(i).timestamp(), NANOS_PER_DAY) == first) {
      i++;
    }
    if (i == n) {
      return new long[] {first};
    }
    long[] days = new long[n];
    for (int k = 0; k < n; k++) {
      days[k] = Math.floorDiv(batch.events().get(k).timestamp(), NANOS_PER_DAY);
    }
    return Arrays.stream(days).sorted().distinct().toArray();
  }
}
