package dev.corral.wal;

/** Where a follower with no cursor file yet starts reading. */
public enum StartPoint {
  /** At the oldest record retained: it sees everything the log still holds. */
  OLDEST,
  /** At the end: it sees only records appended from now on. */
  END
}
