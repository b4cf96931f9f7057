package dev.corral.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store that stopped taking writes back by itself (design.md, "Failures"): every {@code
 * interval}, once the server gave a {@link WalReplay}, it rolls every partition back to its last
 * commit and replays the write-ahead log from the checkpoint, exactly as a restart would.
 *
 * <p>Contract of {@link #recover()}:
 * <ol>
 *   <li>runs on the compactor thread ({@link Compactions#runExclusive}), so no compaction step or
 *       merge runs meanwhile, and under the store's monitor, so live {@link LogStore#submit} calls
 *       wait;
 *   <li>waits until the indexers have dropped every queued record, then, under {@code roundLock}
 *       and the apply write lock, rolls every partition back and restarts the queue at the
 *       checkpoint;
 *   <li>clears the failure ({@link StoreFailure} reports "recovering" meanwhile), submits every WAL
 *       record from the checkpoint and waits until they are applied; a failure on the way leaves the
 *       store stopped and the next retry starts over;
 *   <li>remembers where the replay ended: a live record whose {@code submit} waited during the
 *       replay and ends at or before it ({@link #replayed}) is skipped, so every record is applied
 *       exactly once;
 *   <li>queues the compactions the failure interrupted, still under the monitor (the store cannot
 *       close in between).
 * </ol>
 *
 * <p>Thread-safety: {@link #recover()} may be called from any thread; {@link #replayed} must be
 * called under the store's monitor (as {@link LogStore#submit} is).
 */
final class StoreRecovery {
  /** Logs under the store's name: operators follow one logger for the store's failures. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final LogStore store;
  private final Path directory;
  private final StoreFailure failure;
  private final Partitions partitions;
  private final IndexingQueue queue;
  private final CommitRound commitRound;
  private final Compactions compactions;
  private final Duration interval;
  private final ScheduledExecutorService retries;
  private volatile WalReplay walReplay;
  /** Records ending at or before this were replayed by a recovery; guarded by the store's monitor. */
  private long replayedUpTo;

  StoreRecovery(LogStore store, StoreConfig config, StoreFailure failure, Partitions partitions, IndexingQueue queue,
      CommitRound commitRound, Compactions compactions) {
    this.store = store;
    this.directory = config.directory();
    this.failure = failure;
    this.partitions = partitions;
    this.queue = queue;
    this.commitRound = commitRound;
    this.compactions = compactions;
    this.interval = config.limits().recoveryInterval();
    this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("corral-recovery"));
    long retry = interval.toMillis();
    retries.scheduleWithFixedDelay(this::recoverQuietly, retry, retry, TimeUnit.MILLISECONDS);
  }

  /** The WAL to replay from; until it is given, the store stays stopped after a failure. */
  void recoverWith(WalReplay replay) {
    this.walReplay = Objects.requireNonNull(replay, "replay");
  }

  /** Whether a recovery already replayed the record ending at {@code nextPosition}; under the store's monitor. */
  boolean replayed(long nextPosition) {
    return nextPosition <= replayedUpTo;
  }

  /** See {@link LogStore#recover()}. */
  boolean recover() throws IOException {
    WalReplay replay = walReplay;
    if (replay == null) {
      throw new IllegalStateException("store " + directory + " has no write-ahead log to recover from");
    }
    store.ensureOpen();
    if (!failure.isStopped()) {
      return true;
    }
    try {
      return compactions.runExclusive(() -> recoverNow(replay));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to recover the store", e);
    }
  }

  /**
   * {@link #recover()} on the compactor thread, so no compaction step or merge runs meanwhile; a
   * compaction the failure interrupted left its pending mark in the partition's last commit, and is
   * queued again once the store takes writes.
   */
  private boolean recoverNow(WalReplay replay) throws IOException {
    synchronized (store) {
      store.ensureOpen();
      StoreException failed = failure.stopped();
      if (failed == null) {
        return true;
      }
      long started = System.nanoTime();
      store.awaitQueueEmpty();
      long from = rollBackToCheckpoint();
      failure.beginRecovery(failed);
      try {
        store.restartWalOrder();
        long[] records = {0};
        replay.replay(from, (position, next, batch) -> {
          failure.throwIfStopped();
          store.enqueue(position, next, batch);
          records[0]++;
        });
        replayedUpTo = store.lastNextPosition();
        store.awaitQueueEmpty();
        failure.throwIfStopped();
        log.atInfo().addKeyValue("from_position", from).addKeyValue("records", records[0])
            .addKeyValue("took_ms", (System.nanoTime() - started) / 1_000_000)
            .log("store takes writes again: rolled back to the last commits and replayed the write-ahead log");
      } catch (IOException | RuntimeException e) {
        throw failure.failWith(e);
      } finally {
        failure.endRecovery();
      }
      store.lifecycle().redoInterruptedCompactions(); // under the monitor: the store cannot close meanwhile
      return true;
    }
  }

  /** Rolls every partition back to its last commit with nothing in flight; returns the checkpoint. */
  private long rollBackToCheckpoint() throws IOException {
    return commitRound.withNoRecordInFlight(() -> {}, applied -> {
      for (DailyPartition partition : partitions.newestFirst()) {
        partition.rollBackToLastCommit();
      }
      long from = commitRound.checkpoint();
      queue.resume(from);
      return from;
    });
  }

  private void recoverQuietly() {
    if (!failure.isStopped() || walReplay == null || !store.isOpen()) {
      return;
    }
    try {
      recover();
    } catch (IOException | RuntimeException e) {
      if (store.isOpen()) {
        log.atWarn().addKeyValue("reason", StoreFailure.reason(e)).addKeyValue("retry_in_ms", interval.toMillis())
            .log("store recovery failed; retrying");
      }
    }
  }

  /** Stops the retries: interrupting them is safe, they only wait for the compactor thread. */
  void stop() {
    retries.shutdownNow();
  }

  /** Waits until {@link #stop} took effect. */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return retries.awaitTermination(timeout, unit);
  }
}
