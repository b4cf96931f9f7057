package dev.corral.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the log is kept for a durable consumer that does not move on. A sealed segment that
 * every durable consumer has passed is deleted at once; one that a consumer still needs is kept
 * until the retained segments exceed {@code maxBytes} or the segment is older than {@code maxAge}.
 * Then it is deleted anyway, and each non-essential consumer that had not read it is told what it
 * missed ({@link MissedRecords}). An essential consumer (the indexer) is never skipped: the bound
 * never deletes a segment it still needs.
 *
 * @param maxBytes retained segment bytes beyond which the oldest are deleted; 0 for no bound
 * @param maxAge a sealed segment whose last write is older than this is deleted; {@link
 *     Duration#ZERO} for no bound
 */
public record WalRetention(long maxBytes, Duration maxAge) {
  /**
   * 4 GiB: hours of steady ingest for a consumer to catch up after an outage, yet a small share of
   * the disk the partitions need.
   */
  public static final long DEFAULT_MAX_BYTES = 4L << 30;
  /** 24 h: a consumer stuck longer needs an operator anyway; older events are in the store. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  /** No bound: segments wait for every durable consumer. */
  public static final WalRetention NONE = new WalRetention(0, Duration.ZERO);
  /** {@link #DEFAULT_MAX_BYTES} and {@link #DEFAULT_MAX_AGE}. */
  public static final WalRetention DEFAULTS = new WalRetention(DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);

  public WalRetention {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes (" + maxBytes + ") must be 0 (no bound) or positive");
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge (" + maxAge + ") must be 0 (no bound) or positive");
    }
  }

  /** True when {@code bytes} retained are over the size bound. */
  boolean overSize(long bytes) {
    return maxBytes > 0 && bytes > maxBytes;
  }

  /** True when a segment last written {@code age} ago is over the age bound. */
  boolean overAge(Duration age) {
    return !maxAge.isZero() && age.compareTo(maxAge) > 0;
  }
}
