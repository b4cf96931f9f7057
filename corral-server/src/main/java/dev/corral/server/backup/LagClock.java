package dev.corral.server.backup;

import java.util.ArrayDeque;

/**
 * How long the oldest record not yet backed up has been in the WAL, to about a second: the WAL's end
 * position is sampled about every second ({@link #sample}); the first sample whose end is past the
 * backup's cursor was taken when the record at the cursor was already there. Thread-safe.
 */
final class LagClock {
  /** A day of one-second samples while the backup is stuck; beyond it samples are thinned (the oldest is kept). */
  private static final int MAX_SAMPLES = 86_400;

  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  /** Notes that at {@code nowMillis} the WAL ended at {@code end}. */
  synchronized void sample(long end, long nowMillis) {
    long[] last = samples.peekLast();
    if (last != null && last[0] >= end) {
      return;
    }
    samples.addLast(new long[] {end, nowMillis});
    if (samples.size() > MAX_SAMPLES) {
      long[] oldest = samples.pollFirst();
      samples.pollFirst();
      samples.addFirst(oldest);
    }
  }

  /** Milliseconds the record at {@code cursor} has waited at {@code nowMillis}; 0 when every sampled record is past it. */
  synchronized long lagMillis(long cursor, long nowMillis) {
    while (!samples.isEmpty() && samples.peekFirst()[0] <= cursor) {
      samples.pollFirst();
    }
    return samples.isEmpty() ? 0 : Math.max(0, nowMillis - samples.peekFirst()[1]);
  }
}
