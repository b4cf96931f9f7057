package dev.corral.store;

import dev.corral.store.search.EventSearch;
import dev.corral.model.EventBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log store: WAL records in, searchable events out. One Lucene index per UTC day under
 * {@link StoreConfig#directory()}; see design.md for the commit protocol that makes recovery
 * exactly-once.
 *
 * <p>This class is the store's writer (submit, commit, checkpoint, failure and recovery) and owns
 * its two other faces, opened and closed with it: the read side, {@link #searcher()} (queries,
 * field names, partition snapshots), and the partitions' {@link #lifecycle()} (compactions, drops).
 *
 * <p>Usage by the server: {@link #open}; replay every WAL record at or after {@link #checkpoint()}
 * with {@link #submit}; {@link #awaitIndexed()}; then submit each record after its WAL fsync, in
 * WAL order. After each commit round the configured listener receives the new checkpoint: WAL
 * records before it may be deleted.
 *
 * <p>Thread-safety: every method may be called from any thread. {@link #submit} calls must come in
 * WAL order (it is synchronized, so from one thread at a time in practice). Searches, compactions
 * and drops run concurrently with indexing and commits.
 *
 * <p>Failure: an index error (tragic writer event, I/O error such as too many open files or a full
 * disk) stops the store from taking writes: it is logged at ERROR, {@link #failure()} returns it,
 * {@link #submit} throws and no further commit happens, so the checkpoint never passes an event that
 * was not indexed ({@link StoreFailure}). Searches keep working. Given a {@link WalReplay} ({@link
 * #recoverWith}), the store retries every {@link StoreLimits#recoveryInterval()}: it rolls every
 * writer back to its last commit and replays the WAL from the checkpoint ({@link StoreRecovery}), so
 * it resumes by itself once the cause is gone. A restart does the same.
 *
 * <p>Open files: at most {@link StoreLimits#maxOpenWriters()} partitions have a writer and
 * {@link StoreLimits#maxOpenReaders()} more a reader, whatever the number of partitions; the least
 * recently used are closed and reopened on demand (design.md, "Open files").
 */
public final class LogStore implements EventStore {
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final StoreConfig config;
  private final Partitions partitions;
  private final IndexingQueue queue;
  private final CommitRound commitRound;
  private final ScheduledExecutorService committer;
  private final StoreSearcher searcher;
  private final PartitionLifecycle lifecycle;
  private final StoreFailure failure;
  private final StoreRecovery recovery;
  private final IndexingBuffers buffers;
  /**
   * One compaction at a time, one per partition (the {@link #lifecycle}'s compactions and writer closes);
   * a recovery runs on its thread too, so it never rolls back a compacting writer.
   */
  private final Compactions compactions = new Compactions();
  private final AtomicBoolean closed = new AtomicBoolean();
  private long submitted;
  private long lastNextPosition;

  private LogStore(StoreConfig config, Partitions partitions, long checkpoint, StoreTimings timings) {
    this.config = config;
    this.partitions = partitions;
    this.failure = new StoreFailure(config.directory());
    this.queue = new IndexingQueue(config.indexerThreads(), checkpoint, partitions, config.maxKeywordBytes(), failure);
    this.commitRound = new CommitRound(partitions, queue, new CheckpointFile(config.directory()), checkpoint,
        config.checkpointListener(), timings);
    this.recovery = new StoreRecovery(this, config, failure, partitions, queue, commitRound, compactions);
    this.committer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("corral-committer"));
    this.searcher = new StoreSearcher(this, config, partitions, failure, timings);
    this.lifecycle = new PartitionLifecycle(this, config, failure, partitions, commitRound, compactions);
    this.buffers = new IndexingBuffers(partitions, (long) config.ramBufferMb() << 20);
    long commit = config.commitInterval().toMillis();
    committer.scheduleWithFixedDelay(this::commitQuietly, commit, commit, TimeUnit.MILLISECONDS);
    long check = IndexingBuffers.CHECK_INTERVAL.toMillis();
    committer.scheduleWithFixedDelay(this::boundBuffersQuietly, check, check, TimeUnit.MILLISECONDS);
    lifecycle.start();
  }

  /**
   * Opens the store: every existing partition for search (reading its committed WAL position) and
   * the checkpoint file. Creates the directory if needed.
   *
   * @throws IOException when a partition or the checkpoint cannot be read
   */
  public static LogStore open(StoreConfig config) throws IOException {
    return open(config, StoreTimings.NONE);
  }

  /**
   * {@link #open(StoreConfig)}, reporting how long each refresh pass and commit round takes to
   * {@code timings} (the server's metrics).
   */
  public static LogStore open(StoreConfig config, StoreTimings timings) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(timings, "timings");
    Partitions partitions = Partitions.open(config.directory(), PartitionContext.of(config));
    try {
      long checkpoint = new CheckpointFile(config.directory()).read();
      LogStore store = new LogStore(config, partitions, checkpoint, timings);
      log.atInfo().addKeyValue("directory", config.directory()).addKeyValue("partitions", partitions.newestFirst().size())
          .addKeyValue("checkpoint", checkpoint).log("store opened");
      store.lifecycle.redoInterruptedCompactions();
      return store;
    } catch (IOException | RuntimeException e) {
      try {
        partitions.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The WAL position from which a restart must replay; 0 for a new store. */
  @Override
  public long checkpoint() {
    return commitRound.checkpoint();
  }

  /**
   * Queues a WAL record for indexing and returns at once. Events of a record are added only to
   * partitions whose last commit does not already contain the record, so replaying a record is safe.
   *
   * @param position the record's WAL position; not below the previous record's {@code nextPosition}
   *     (replaying from below the checkpoint is allowed and adds nothing already committed)
   * @param nextPosition the position just after the record
   * @throws IllegalArgumentException when positions go backwards
   * @throws IllegalStateException when the store is closed
   * @throws UncheckedIOException wrapping a {@link StoreException} when the store stopped taking writes
   */
  @Override
  public synchronized void submit(long position, long nextPosition, EventBatch batch) {
    Objects.requireNonNull(batch, "batch");
    ensureOpen();
    StoreException failed = failure.stopped();
    if (failed != null) {
      throw new UncheckedIOException(failed);
    }
    if (recovery.replayed(nextPosition)) {
      return; // a recovery replayed it from the WAL while its live submit waited
    }
    enqueue(position, nextPosition, batch);
  }

  /** Queues a record, checking WAL order; under the monitor (from {@link #submit} or a recovery's replay). */
  void enqueue(long position, long nextPosition, EventBatch batch) {
    if (nextPosition <= position) {
      throw new IllegalArgumentException("nextPosition (" + nextPosition + ") must be after position (" + position + ")");
    }
    if (position < lastNextPosition) {
      throw new IllegalArgumentException("record at position " + position
          + " is out of WAL order: the previous record ended at " + lastNextPosition);
    }
    lastNextPosition = nextPosition;
    queue.add(SubmittedBatch.of(position, nextPosition, batch, ++submitted));
  }

  /**
   * Lets the store recover by itself after it stopped taking writes: every {@link
   * StoreLimits#recoveryInterval()} it calls {@link #recover()}, reading the WAL through {@code
   * replay}. The server calls this once its WAL is open.
   */
  @Override
  public void recoverWith(WalReplay replay) {
    recovery.recoverWith(replay);
  }

  /**
   * Brings a store that stopped taking writes back now, as the retries do (design.md, "Failures";
   * {@link StoreRecovery} has the contract): rolls every writer back to its last commit and replays
   * the WAL from the checkpoint through the {@link #recoverWith} source, exactly once. No effect when
   * the store has not failed.
   *
   * @return whether the store takes writes again (false when it had not failed: true as well)
   * @throws StoreException when the cause persists (the store stays stopped; a later call retries),
   *     or the store is closing
   * @throws IllegalStateException when no replay source was given or the store is closed
   */
  public boolean recover() throws IOException {
    return recovery.recover();
  }

  /** For a recovery's replay: the WAL order check starts again from the checkpoint. */
  void restartWalOrder() {
    lastNextPosition = 0;
  }

  /** Where the last record queued ended. */
  long lastNextPosition() {
    return lastNextPosition;
  }

  /** Waits until the indexers have applied (or, after a failure, dropped) every submitted record. */
  void awaitQueueEmpty() throws StoreException {
    try {
      while (!queue.awaitApplied(submitted, 100)) {
        ensureOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while recovering the store", e);
    }
  }

  /** Partitions with an open writer now (at most {@link StoreLimits#maxOpenWriters()}, one more while compacting). */
  public int openWriters() {
    return partitions.writerSlots().openCount();
  }

  /** Events submitted but not yet added to a Lucene writer: for admission control. */
  @Override
  public long pendingEvents() {
    return queue.pendingEvents();
  }

  /**
   * The indexing lag: how long the oldest record submitted and not yet taken by an indexer has
   * waited, in nanoseconds; 0 when the indexers keep up (nothing waits). A record being indexed no
   * longer counts, so the lag is the queue's, not the time to searchable (add a refresh interval).
   */
  @Override
  public long indexingLagNanos() {
    return queue.oldestWaitNanos();
  }

  /**
   * Blocks until every record submitted before the call is indexed and visible to search.
   *
   * @throws StoreException when the store stopped taking writes meanwhile
   */
  @Override
  public void awaitIndexed() throws InterruptedException, IOException {
    awaitApplied();
    searcher.refreshAll();
  }

  /**
   * Blocks until every record submitted before the call is indexed and every read that begins after
   * this returns sees it, without refreshing anything: it waits until the records are applied, then
   * one refresh interval, after which a read refreshes any reader that predates them (design.md,
   * "Refresh on demand"). For readers that poll, such as the scheduled rules' watermark: a forced
   * refresh every second would flush small segments during ingest, the merge work that refreshing
   * on demand saves.
   *
   * @throws StoreException when the store stopped taking writes meanwhile
   */
  @Override
  public void awaitReadable() throws InterruptedException, IOException {
    awaitApplied();
    Thread.sleep(config.refreshInterval());
  }

  /** Blocks until the indexers applied every record submitted before the call. */
  private void awaitApplied() throws InterruptedException, StoreException {
    long target;
    synchronized (this) {
      ensureOpen();
      target = submitted;
    }
    while (!queue.awaitApplied(target, 100)) {
      throwIfFailed();
      ensureOpen();
    }
    throwIfFailed();
  }

  /**
   * Runs a commit round now: everything indexed so far becomes durable and the checkpoint advances
   * (design.md); then the partitions' readers show it ({@link StoreSearcher#refreshAfterCommit}).
   * Also runs every {@link StoreConfig#commitInterval()}.
   *
   * @throws StoreException when the store stopped taking writes (now or before)
   */
  public void commit() throws IOException {
    ensureOpen();
    commitOrFail();
    searcher.refreshAfterCommit();
  }

  private long commitOrFail() throws IOException {
    try {
      return commitRound.run(this::throwIfFailed);
    } catch (StoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failure.failWith(e);
    }
  }

  /** The read side: queries, field names, partition snapshots. */
  public StoreSearcher searcher() {
    return searcher;
  }

  @Override
  public EventSearch search() {
    return searcher;
  }

  /** Compactions, drops and the partitions' way from hot to warm (design.md, "Tiers", "Dropping a partition"). */
  public PartitionLifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * Why the store does not take writes now, if it does not: the error that stopped it, or, while
   * {@link #recover()} replays the WAL, that it is recovering.
   */
  @Override
  public Optional<StoreException> failure() {
    return failure.current();
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Indexes everything submitted, runs a final commit round and closes all partitions. Idempotent.
   * After a write failure, nothing more is committed (the WAL replays it at the next start).
   */
  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
    }
    IOException error = null;
    compactions.stopAccepting();
    try {
      stopSchedulers(false);
      queue.drainAndStop();
      if (!failure.isStopped()) {
        commitOrFail();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = new StoreException("interrupted while closing the store", e);
    } catch (IOException e) {
      error = e;
    }
    try {
      partitions.close(); // aborts a running compaction's merge; its pending mark makes the next open redo it
      if (!compactions.awaitStopped(TimeUnit.MINUTES.toMillis(1))) {
        throw new StoreException("the compactor thread did not stop within a minute");
      }
    } catch (IOException e) {
      if (error == null) {
        error = e;
      } else {
        error.addSuppressed(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (error == null) {
        error = new StoreException("interrupted while closing the store", e);
      }
    }
    log.atInfo().addKeyValue("directory", config.directory()).addKeyValue("checkpoint", commitRound.checkpoint()).log("store closed");
    if (error != null) {
      throw error;
    }
  }

  /**
   * Test seam simulating kill -9: stops the threads without draining the queue and rolls every
   * writer back to its last commit (also dropping prepared, uncommitted commits), then closes. A
   * running compaction is abandoned, not awaited.
   */
  void crashForTest() throws IOException, InterruptedException {
    synchronized (this) {
      closed.set(true);
    }
    compactions.stopAccepting();
    stopSchedulers(true);
    queue.halt();
    partitions.rollbackAndClose();
  }

  /** Test seam: the most writers open at once since the store opened. */
  int peakOpenWritersForTest() {
    return partitions.writerSlots().peakOpenCount();
  }

  /** Test seam: waits until every compaction queued so far has ended. */
  void awaitCompactionsForTest() throws IOException, InterruptedException {
    compactions.awaitIdle();
  }

  /** Test seam: the commit round, to inject a crash between partition commits. */
  CommitRound commitRoundForTest() {
    return commitRound;
  }

  private void throwIfFailed() throws StoreException {
    failure.throwIfStopped();
  }

  void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store " + config.directory() + " is closed");
    }
  }

  private void commitQuietly() {
    if (failure.isStopped() || closed.get()) {
      return;
    }
    try {
      commitOrFail();
    } catch (IOException | RuntimeException e) {
      return; // fail() has logged it
    }
    searcher.refreshAfterCommit();
  }

  private void boundBuffersQuietly() {
    if (failure.isStopped() || closed.get()) {
      return;
    }
    try {
      buffers.flushBeyondBudget();
    } catch (IOException | RuntimeException e) {
      failure.failWith(e); // a flush that fails is an indexing failure: the store stops taking writes
    }
  }

  /** Test seam: flushes the fullest writers' buffers until the rest fit {@code budgetBytes} ({@link IndexingBuffers}). */
  int flushBuffersBeyondForTest(long budgetBytes) throws IOException {
    return new IndexingBuffers(partitions, budgetBytes).flushBeyondBudget();
  }

  /** Test seam: bytes the writer of {@code day} buffers now; 0 without one. */
  long bufferedBytesForTest(java.time.LocalDate day) {
    DailyPartition partition = partitions.get(day);
    return partition == null ? 0 : partition.bufferedBytes();
  }

  private void stopSchedulers(boolean now) throws IOException {
    recovery.stop();
    lifecycle.stop(); // it only waits for the compactor thread: interrupting it is safe
    searcher.stop(now);
    if (now) {
      committer.shutdownNow();
    } else {
      committer.shutdown();
    }
    try {
      if (!recovery.awaitStopped(1, TimeUnit.MINUTES) || !lifecycle.awaitStopped(1, TimeUnit.MINUTES)
          || !searcher.awaitStopped(1, TimeUnit.MINUTES)
          || !committer.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new StoreException("store threads did not stop within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while stopping store threads", e);
    }
  }
}
