package dev.corral.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WalFollower} starts and how often it persists its cursor.
 *
 * @param whenNew where it starts when it has no cursor file yet
 * @param cursorSyncInterval the cursor is persisted (one small atomic write and two fsyncs) at most
 *     this often while records flow, and always when the follower stops; {@link Duration#ZERO}
 *     persists after every read pass. After kill -9 the records processed since the last persist
 *     are delivered again (at least once).
 */
public record FollowOptions(StartPoint whenNew, Duration cursorSyncInterval) {
  /** 1 s: a cursor fsync per second costs nothing next to the WAL's own; a crash repeats at most 1 s. */
  public static final Duration DEFAULT_CURSOR_SYNC_INTERVAL = Duration.ofSeconds(1);

  public FollowOptions {
    Objects.requireNonNull(whenNew, "whenNew");
    Objects.requireNonNull(cursorSyncInterval, "cursorSyncInterval");
    if (cursorSyncInterval.isNegative()) {
      throw new IllegalArgumentException("cursorSyncInterval (" + cursorSyncInterval + ") must not be negative");
    }
  }

  /** Starting at {@code whenNew}, persisting every {@link #DEFAULT_CURSOR_SYNC_INTERVAL}. */
  public static FollowOptions startingAt(StartPoint whenNew) {
    return new FollowOptions(whenNew, DEFAULT_CURSOR_SYNC_INTERVAL);
  }
}
