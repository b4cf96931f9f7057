package dev.corral.store;

import java.io.IOException;
import java.util.concurrent.Executor;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.MergePolicy.OneMerge;

/**
 * The merge scheduler of a warm partition's writer, so that compaction leaves ingest and queries
 * their share of the machine:
 *
 * <ul>
 *   <li>one merge thread ({@code corral-compaction-merge}) at the lowest CPU priority: nice 19 on
 *       Linux ({@link LowCpuPriority}; Linux ignores Java thread priorities), the lowest Java
 *       priority elsewhere. With the cores busy, indexing and queries go first; idle cores still
 *       serve the merge at full speed;
 *   <li>no intra-merge concurrency: on hosts with 4 cores or more Lucene 10 would run parts of a
 *       merge above 50 MB (postings, doc values, stored fields) on extra threads;
 *   <li>forced merges write at most {@link #limitForcedMerges bytes per second}. Lucene's automatic
 *       IO throttle covers only natural merges: forced ones run unthrottled by default.
 * </ul>
 *
 * <p>Natural merges of late events keep Lucene's automatic throttle. Thread-safety: as
 * {@link ConcurrentMergeScheduler}.
 */
final class CompactionMergeScheduler extends ConcurrentMergeScheduler {
  /**
   * Merges queued before the writer's indexing threads wait for them: Lucene's default for one
   * thread (thread count + 5); only late events of a warm day make natural merges here.
   */
  private static final int MAX_QUEUED_MERGES = 6;
  private static final double BYTES_PER_MB = 1024 * 1024;

  CompactionMergeScheduler() {
    setMaxMergesAndThreads(MAX_QUEUED_MERGES, 1);
  }

  /**
   * Caps the write rate of forced merges, from the next merge on (and of running ones).
   *
   * @param maxBytesPerSec bytes per second, or 0 for no limit
   */
  void limitForcedMerges(long maxBytesPerSec) {
    if (maxBytesPerSec < 0) {
      throw new IllegalArgumentException("compaction rate (" + maxBytesPerSec + " bytes/s) must be 0 (no limit) or positive");
    }
    setForceMergeMBPerSec(maxBytesPerSec == 0 ? Double.POSITIVE_INFINITY : maxBytesPerSec / BYTES_PER_MB);
  }

  /** Runs in the merge thread: lowers its CPU priority for the rest of its life (one merge). */
  @Override
  protected void doMerge(MergeSource mergeSource, OneMerge merge) throws IOException {
    LowCpuPriority.applyToCurrentThread();
    super.doMerge(mergeSource, merge);
  }

  /** The merging thread does all the work of a merge itself. */
  @Override
  public Executor getIntraMergeExecutor(OneMerge merge) {
    return Runnable::run;
  }

  @Override
  protected synchronized MergeThread getMergeThread(MergeSource mergeSource, OneMerge merge) throws IOException {
    MergeThread thread = super.getMergeThread(mergeSource, merge);
    thread.setName("corral-compaction-merge");
    thread.setPriority(Thread.MIN_PRIORITY);
    return thread;
  }
}
