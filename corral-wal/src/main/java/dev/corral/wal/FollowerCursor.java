package dev.corral.wal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The state the WAL keeps for one follower, attached or not: its cursor file, the position that
 * file holds (what retention must keep), and what the retention bound made it miss. A follower
 * known only from its file (not attached this run) holds segments back all the same.
 *
 * <p>Thread-safe: the follower's thread writes, retention and stats read.
 */
final class FollowerCursor {
  private final CursorFile file;
  private volatile long persisted;
  /** Where the attached follower has processed up to (at or after {@link #persisted}). */
  private volatile long processed;
  private volatile boolean attached;
  private final AtomicLong missedBytes = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();

  FollowerCursor(CursorFile file, long persisted) {
    this.file = file;
    this.persisted = persisted;
    this.processed = persisted;
  }

  String name() {
    return file.consumer();
  }

  CursorFile file() {
    return file;
  }

  /** The position persisted in the file: nothing before it is needed again. */
  long persisted() {
    return persisted;
  }

  long processed() {
    return processed;
  }

  void processedUpTo(long position) {
    processed = position;
  }

  /** Persists {@code position} durably, then publishes it to retention. */
  void persist(long position) throws java.io.IOException {
    file.write(position);
    persisted = position;
  }

  boolean attached() {
    return attached;
  }

  /** Marks it attached; false when it already was. */
  synchronized boolean attach() {
    if (attached) {
      return false;
    }
    attached = true;
    return true;
  }

  synchronized void detach() {
    attached = false;
  }

  void missed(MissedRecords gap) {
    missedBytes.addAndGet(gap.bytes());
    gaps.incrementAndGet();
  }

  long missedBytes() {
    return missedBytes.get();
  }

  long gaps() {
    return gaps.get();
  }
}
