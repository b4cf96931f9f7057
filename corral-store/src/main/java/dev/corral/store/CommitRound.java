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
  private volatile long checkpoint;
  /** Test seam: runs after each partition's commit; throwing aborts the round like a crash would. */
  volatile Consumer<DailyPartition> afterPartitionCommit = partition -> {};

  CommitRound(Partitions partitions, IndexingQueue queue, CheckpointFile checkpointFile, long checkpoint,
      LongConsumer listener) {
    this.partitions = partitions;
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
   * Makes {@code partition} warm (design.md, tiers): commits and closes its hot writer with no
   * record in flight, marks it warm, merges it into one best-compression segment (commit rounds go
   * on meanwhile), then commits that and closes the writer again. Late events of the day may
   * arrive at any point; they are committed with the rest. Callers serialize compactions.
   */
  void compact(DailyPartition partition, FailureCheck failureCheck) throws IOException {
    commitAndCloseWriter(partition, failureCheck);
    partition.forceMergeToOneSegment();
    commitAndCloseWriter(partition, failureCheck);
  }

  /**
   * Commits what the partition's writer holds, labelled with the applied WAL prefix, closes it and
   * makes the partition warm, all with no record in flight.
   */
  void commitAndCloseWriter(DailyPartition partition, FailureCheck failureCheck)
      throws IOException {
    queue.roundLock().lock();
    Lock write = queue.applyLock().writeLock();
    write.lock();
    try {
      failureCheck.check();
      partition.commitAndCloseWriter(queue.appliedUpTo(), Tier.WARM);
    } finally {
      write.unlock();
      queue.roundLock().unlock();
    }
  }

  /** Throws when the store may no longer commit. */
  @FunctionalInterface
  interface FailureCheck {
    void check() throws StoreException;
  }
}
