package dev.corral.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes everything indexed so far durable and advances the checkpoint (design.md):
 *
 * <ol>
 *   <li>take the write side of the apply lock: no record is in flight, the applied records are a
 *       WAL prefix ending at {@code P};
 *   <li>prepare a commit labelled {@code P} on every partition with changes; release the lock;
 *   <li>commit each prepared partition;
 *   <li>write {@code P} to the checkpoint file, then tell the listener.
 * </ol>
 *
 * <p>One round at a time: a round holds {@link IndexingQueue#roundLock()} from its first step to its
 * last, so an indexer that closes writers (it takes that lock too) never meets a half-done round.
 * Callable from any thread.
 */
final class CommitRound {
  private static final Logger log = LoggerFactory.getLogger(CommitRound.class);

  private final Partitions partitions;
  private final IndexingQueue queue;
  private final CheckpointFile checkpointFile;
  private final LongConsumer listener;
  private final StoreTimings timings;
  private volatile long checkpoint;
  /** Test seam: runs after each partition's commit; throwing aborts the round like a crash would. */
  volatile Consumer<DailyPartition> afterPartitionCommit = partition -> {};
  /** Test seam: runs after a compaction's first commit, before its merge; throwing aborts it like a crash. */
  volatile Consumer<DailyPartition> beforeMerge = partition -> {};

  CommitRound(Partitions partitions, IndexingQueue queue, CheckpointFile checkpointFile, long checkpoint,
      LongConsumer listener, StoreTimings timings) {
    this.partitions = partitions;
    this.timings = timings;
    this.queue = queue;
    this.checkpointFile = checkpointFile;
    this.checkpoint = checkpoint;
    this.listener = listener;
  }

  long checkpoint() {
    return checkpoint;
  }

  /**
   * Runs one round.
   *
   * @param failureCheck throws when the store has stopped taking writes; checked under the write
   *     lock, so a failed record can never be covered by a commit
   * @return the new checkpoint
   */
  long run(FailureCheck failureCheck) throws IOException {
    queue.roundLock().lock();
    try {
      return runLocked(failureCheck);
    } finally {
      queue.roundLock().unlock();
    }
  }

  private long runLocked(FailureCheck failureCheck) throws IOException {
    long started = System.nanoTime();
    List<DailyPartition> prepared = new ArrayList<>();
    long position;
    Lock write = queue.applyLock().writeLock();
    write.lock();
    try {
      failureCheck.check();
      position = queue.appliedUpTo();
      for (DailyPartition partition : partitions.newestFirst()) {
        if (partition.prepareCommit(position)) {
          prepared.add(partition);
        }
      }
    } finally {
      write.unlock();
    }
    for (DailyPartition partition : prepared) {
      partition.commitPrepared(position);
      afterPartitionCommit.accept(partition);
    }
    if (position != checkpoint) {
      checkpointFile.write(position);
      checkpoint = position;
    }
    if (!prepared.isEmpty()) {
      timings.committed(System.nanoTime() - started);
      log.atDebug().addKeyValue("position", position).addKeyValue("partitions", prepared.size())
          .addKeyValue("millis", (System.nanoTime() - started) / 1_000_000).log("commit round");
    }
    try {
      listener.accept(position);
    } catch (RuntimeException e) {
      log.atError().setCause(e).addKeyValue("position", position).log("checkpoint listener failed");
    }
    return position;
  }

  /**
   * Makes {@code partition} warm (design.md, tiers): with no record in flight, commits and closes its
   * hot writer and commits the partition as warm with a compaction pending; merges it into one
   * best-compression segment (commit rounds go on meanwhile, their commits keep the pending mark);
   * then, with no record in flight again, commits that with the mark cleared and closes the writer.
   * Late events of the day may arrive at any point; they are committed with the rest. A crash in
   * between leaves the mark in the last commit, and the store redoes the compaction when it opens.
   * Callers serialize compactions ({@link Compactions}).
   *
   * @param maxBytesPerSec write rate of the merge, 0 for no limit
   */
  void compact(DailyPartition partition, long maxBytesPerSec, FailureCheck failureCheck) throws IOException {
    withNoRecordInFlight(failureCheck, position -> {
      partition.beginCompaction(position);
      return null;
    });
    beforeMerge.accept(partition);
    partition.forceMergeToOneSegment(maxBytesPerSec);
    withNoRecordInFlight(failureCheck, position -> {
      partition.finishCompaction(position);
      return null;
    });
  }

  /**
   * Commits what the partition's writer holds, labelled with the applied WAL prefix, closes it and
   * makes the partition warm, all with no record in flight.
   */
  void commitAndCloseWriter(DailyPartition partition, FailureCheck failureCheck) throws IOException {
    withNoRecordInFlight(failureCheck, position -> {
      partition.commitAndCloseWriter(position, Tier.WARM);
      return null;
    });
  }

  /**
   * Takes {@code partition} out of the store and drops it ({@link Partitions#drop}), with no record in
   * flight and no round half done, whether or not the store takes writes (a full disk is a reason to
   * drop). What its writer held beyond its last commit is discarded with it.
   *
   * @return whether its files are deleted already (else when the last query holding it releases it)
   */
  boolean drop(DailyPartition partition) throws IOException {
    return withNoRecordInFlight(() -> {}, position -> partitions.drop(partition));
  }

  /**
   * Runs {@code step} with the applied WAL prefix, holding {@link IndexingQueue#roundLock()} (no
   * commit round, no indexer applying a record alone) and the write side of the apply lock (no
   * record in flight).
   */
  <T> T withNoRecordInFlight(FailureCheck failureCheck, PartitionStep<T> step) throws IOException {
    queue.roundLock().lock();
    Lock write = queue.applyLock().writeLock();
    write.lock();
    try {
      failureCheck.check();
      return step.run(queue.appliedUpTo());
    } finally {
      write.unlock();
      queue.roundLock().unlock();
    }
  }

  /**
   * Runs {@code step} holding {@link IndexingQueue#roundLock()}: no commit round, no eviction and no
   * recovery commits meanwhile, so each partition's last commit stays its last and its files stay on
   * disk (a snapshot links them). Indexing goes on.
   */
  <T> T betweenCommits(PartitionStep<T> step) throws IOException {
    queue.roundLock().lock();
    try {
      return step.run(queue.appliedUpTo());
    } finally {
      queue.roundLock().unlock();
    }
  }

  /** A step of a compaction, a drop or a deletion, given the applied WAL prefix. */
  @FunctionalInterface
  interface PartitionStep<T> {
    T run(long position) throws IOException;
  }

  /** Throws when the store may no longer commit. */
  @FunctionalInterface
  interface FailureCheck {
    void check() throws StoreException;
  }
}
