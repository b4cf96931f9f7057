package dev.corral.server.archive;

import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * One read/write lock per archived day, between the queries that read a day from the bucket beside
 * its local partition and the pass that merges the two ({@link ArchivePass}, late events of a day
 * only the bucket held). A query holds the read side of each archived day it fetches from the moment
 * it picks the day until it ends; the merge holds the write side while it adds the archived copy to
 * the local partition and records the day as local. So no query reads the archived copy and the
 * merged partition together (every event twice), nor misses the copy. Locks are not owned by a
 * thread: a query may release on another thread than it took them.
 *
 * <p>Thread-safe. One lock per day the archive ever held in this process (a few hundred objects).
 */
final class DayLocks {
  private final ConcurrentHashMap<LocalDate, StampedLock> locks = new ConcurrentHashMap<>();

  /** Takes the read side of {@code day}'s lock, waiting for a merge of the day; close once to release. */
  Closeable read(LocalDate day) {
    StampedLock lock = locks.computeIfAbsent(day, d -> new StampedLock());
    long stamp = lock.readLock();
    return () -> lock.unlockRead(stamp);
  }

  /** Runs {@code step} holding the write side of {@code day}'s lock: no query reads the day meanwhile. */
  void exclusively(LocalDate day, Step step) throws IOException {
    StampedLock lock = locks.computeIfAbsent(day, d -> new StampedLock());
    long stamp = lock.writeLock();
    try {
      step.run();
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** What runs under a day's write lock. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }
}
