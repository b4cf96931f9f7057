package dev.corral.server.ingest;

import java.util.function.LongSupplier;

/**
 * Counts occurrences per second over a sliding window of whole seconds: {@link #record} adds to
 * the current second's bucket, {@link #perSecond} divides what the last seconds hold by the time
 * they cover (the current second only as far as it has run, and never more than the meter has
 * existed). Memory is one bucket per second of the longest window. Thread-safe; {@link #record}
 * holds a lock for a few instructions.
 */
public final class RateMeter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** A rate over less than this is mostly noise; a young meter divides by at least this. */
  private static final double MIN_COVERED_SECONDS = 0.25;

  private final LongSupplier nanoClock;
  private final long startNanos;
  private final long[] seconds;
  private final long[] counts;

  /**
   * @param maxWindowSeconds the longest window {@link #perSecond} will be asked for
   * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
   */
  public RateMeter(int maxWindowSeconds, LongSupplier nanoClock) {
    if (maxWindowSeconds < 1) {
      throw new IllegalArgumentException("maxWindowSeconds must be at least 1, got " + maxWindowSeconds);
    }
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.seconds = new long[maxWindowSeconds + 1];
    this.counts = new long[maxWindowSeconds + 1];
    java.util.Arrays.fill(seconds, -1);
  }

  /** A meter on the system's monotonic clock. */
  public RateMeter(int maxWindowSeconds) {
    this(maxWindowSeconds, System::nanoTime);
  }

  /** Adds {@code n} occurrences now. */
  public synchronized void record(long n) {
    long second = secondNow(nanoClock.getAsLong());
    int slot = (int) (second % seconds.length);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      counts[slot] = 0;
    }
    counts[slot] += n;
  }

  /**
   * Occurrences per second over the last {@code windowSeconds} seconds.
   *
   * @throws IllegalArgumentException when the window is longer than the meter keeps
   */
  public synchronized double perSecond(int windowSeconds) {
    if (windowSeconds < 1 || windowSeconds >= seconds.length) {
      throw new IllegalArgumentException("window of " + windowSeconds + " s is outside 1.." + (seconds.length - 1));
    }
    long now = nanoClock.getAsLong();
    long second = secondNow(now);
    long sum = 0;
    for (long s = second - windowSeconds + 1; s <= second; s++) {
      int slot = (int) (Math.floorMod(s, seconds.length));
      if (s >= 0 && seconds[slot] == s) {
        sum += counts[slot];
      }
    }
    double elapsed = (double) (now - startNanos) / NANOS_PER_SECOND;
    double covered = Math.min(windowSeconds - 1 + (elapsed - second), elapsed);
    return sum / Math.max(covered, MIN_COVERED_SECONDS);
  }

  private long secondNow(long nanos) {
    return (nanos - startNanos) / NANOS_PER_SECOND;
  }
}
