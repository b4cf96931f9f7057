package dev.corral.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions open for search only (a reader, no writer), least recently used first, and the
 * cap on their number (design.md, "Open files"). A partition with a writer searches through the
 * writer's near-real-time reader, which the writer cap bounds.
 *
 * <p>Thread-safe. A partition reports under its own lock; readers beyond the cap are closed by
 * {@link #closeBeyondCap} with no partition lock held, so two partitions never wait for each other.
 */
final class ReaderSlots {
  private final int max;
  private final UsageOrder<DailyPartition> open = new UsageOrder<>();

  ReaderSlots(int max) {
    this.max = max;
  }

  int max() {
    return max;
  }

  int openCount() {
    return open.size();
  }

  /** Records that {@code partition} opened or used its search-only reader. */
  void used(DailyPartition partition) {
    open.touch(partition);
  }

  /** Records that {@code partition} closed its search-only reader (or turned it into a writer's). */
  void closed(DailyPartition partition) {
    open.remove(partition);
  }

  /**
   * Closes least-recently-used readers until at most the cap are open. Searchers acquired from them
   * stay valid until released. Caller holds no partition lock.
   */
  void closeBeyondCap() throws IOException {
    int excess = open.size() - max;
    if (excess <= 0) {
      return;
    }
    List<DailyPartition> victims = new ArrayList<>(open.oldestFirst().subList(0, excess));
    for (DailyPartition victim : victims) {
      victim.closeReader();
    }
  }
}
