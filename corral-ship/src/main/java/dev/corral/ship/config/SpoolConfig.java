package dev.corral.ship.config;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code spool:} section: the disk spool that holds batches while the output cannot take them.
 *
 * @param maxBytes how many bytes of spool files may be kept; beyond, the oldest batch is dropped (counted, logged)
 * @param maxAge   a spooled batch older than this is dropped (counted, logged)
 * @param after    how long a batch is retried in memory before it is written to the spool (and acknowledged)
 */
public record SpoolConfig(long maxBytes, Duration maxAge, Duration after) {
  /** A day of a busy host's logs compressed, small next to a log disk. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** Logs older than a week are seldom worth delivering late; the server's ingest window refuses far pasts anyway. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
  /** A short restart of the server is bridged in memory; longer, the batch is made durable on disk. */
  public static final Duration DEFAULT_AFTER = Duration.ofSeconds(5);
  private static final Set<String> KEYS = Set.of("max_bytes", "max_age", "after");

  static SpoolConfig from(ConfigNode spool) {
    spool.refuseUnknown(KEYS);
    return new SpoolConfig(spool.bytes("max_bytes", DEFAULT_MAX_BYTES), spool.duration("max_age", DEFAULT_MAX_AGE),
        spool.duration("after", DEFAULT_AFTER));
  }
}
