package dev.corral.store;

import java.io.IOException;
import java.util.function.ToLongFunction;

/**
 * The partitions that have an open {@code IndexWriter}, least recently used first, and the cap on
 * their number (design.md, "Open files").
 *
 * <p>Two ways to open a writer within the cap. An indexer applying a record alongside others (the
 * read side of the apply lock) first {@link #tryReserve reserves} a slot for each writer the record
 * may open; when the slots are not there, it applies the record alone (the write side, so no other
 * record is in flight) and {@link #makeRoom evicts} least-recently-used writers through a commit
 * labelled so that replay stays exactly-once. A compaction's merging writer is opened outside both
 * and may add one.
 *
 * <p>Thread-safe.
 */
final class WriterSlots {
  private final int max;
  private final UsageOrder<DailyPartition> open = new UsageOrder<>();
  private int reserved;
  private volatile int peak;

  WriterSlots(int max) {
    this.max = max;
  }

  int max() {
    return max;
  }

  /** Open writers now. */
  int openCount() {
    return open.size();
  }

  /** Reserves {@code count} slots for writers an indexer may open; false when they would pass the cap. */
  synchronized boolean tryReserve(int count) {
    if (count > 0 && open.size() + reserved + count > max) {
      return false;
    }
    reserved += count;
    return true;
  }

  /** Returns slots reserved by {@link #tryReserve} (the writers opened with them now count as open). */
  synchronized void release(int count) {
    reserved -= count;
  }

  /** Records that {@code partition} opened or used its writer. */
  void used(DailyPartition partition) {
    open.touch(partition);
    int now = open.size();
    if (now > peak) {
      synchronized (this) {
        peak = Math.max(peak, now);
      }
    }
  }

  /** The most writers open at once so far. */
  int peakOpenCount() {
    return peak;
  }

  /** Records that {@code partition} closed its writer. */
  void closed(DailyPartition partition) {
    open.remove(partition);
  }

  /**
   * Closes least-recently-used writers other than {@code next}'s until one more fits, each through
   * a commit labelled {@code label.applyAsLong(partition)}. Caller applies a record alone: it holds
   * the commit-round lock and the write side of the apply lock, so no other record is in flight and
   * no commit is half done. A partition under compaction (pending or merging) is skipped; when
   * only such partitions are left, the cap is passed by them.
   */
  void makeRoom(DailyPartition next, ToLongFunction<DailyPartition> label) throws IOException {
    if (open.size() < max) {
      return;
    }
    for (DailyPartition candidate : open.oldestFirst()) {
      if (candidate != next && candidate.evictWriter(label.applyAsLong(candidate)) && open.size() < max) {
        return;
      }
    }
  }
}
