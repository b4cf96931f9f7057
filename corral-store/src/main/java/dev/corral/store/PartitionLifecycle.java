package dev.corral.store;

import dev.corral.query.resolve.FilterResolver;
import dev.corral.store.query.LuceneQueryBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions' way from hot to warm (design.md, "Tiers") and out: compactions on request, the
 * redo of interrupted ones, the {@code corral-lifecycle} thread that compacts each day {@link
 * StoreConfig#warmAfter()} after it ends and closes the writers late events opened on warm days,
 * and, for retention, {@link #drop} (design.md, "Dropping a partition") and {@link #deleteMatching}
 * (design.md, "Deleting events by query").
 *
 * <p>Contract:
 * <ul>
 *   <li>every compaction and every warm writer it closes runs on the {@code corral-compactor} thread
 *       ({@link Compactions}): one at a time, in arrival order, a request for a day already queued
 *       or running joins it; the steps and their locks are {@link CommitRound#compact}'s;
 *   <li>a compaction that fails while the store is open stops the store taking writes ({@link
 *       StoreFailure}); one that fails because the store closed is reported as such and redone at
 *       the next open, where its pending mark is found ({@link #redoInterruptedCompactions});
 *   <li>the lifecycle thread does nothing while the store is stopped or closed, and only waits for
 *       the compactor thread, so {@link #stop} interrupts it; its failures are logged and retried at
 *       its next run.
 * </ul>
 *
 * <p>Thread-safety: every method may be called from any thread. The store stops the lifecycle
 * thread ({@link #stop}, {@link #awaitStopped}) in its own shutdown order, and owns the compactor.
 */
public final class PartitionLifecycle {
  /** Logs under the store's name: operators follow one logger for the store. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);
  /** How often the lifecycle looks for partitions due to become warm. */
  private static final long PERIOD_SECONDS = 60;

  private final LogStore store;
  private final StoreConfig config;
  private final StoreFailure failure;
  private final Partitions partitions;
  private final CommitRound commitRound;
  private final Compactions compactions;
  private final PartitionDeletion deletion;
  private final ScheduledExecutorService lifecycle =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("corral-lifecycle"));

  PartitionLifecycle(LogStore store, StoreConfig config, StoreFailure failure, Partitions partitions,
      CommitRound commitRound, Compactions compactions) {
    this.store = store;
    this.config = config;
    this.failure = failure;
    this.partitions = partitions;
    this.commitRound = commitRound;
    this.compactions = compactions;
    this.deletion = new PartitionDeletion(config, failure, partitions, commitRound);
  }

  /** Starts the lifecycle thread: {@link #compactDue} every minute, the first a minute from now. */
  void start() {
    lifecycle.scheduleWithFixedDelay(this::compactDueQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
  }

  /** Stops the lifecycle thread, interrupting a run (it only waits for the compactor thread). */
  void stop() {
    lifecycle.shutdownNow();
  }

  /** Waits until the lifecycle thread has ended after {@link #stop}; whether it did in time. */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return lifecycle.awaitTermination(timeout, unit);
  }

  /**
   * Compacts the partition of {@code day} to warm now, whatever its age (design.md, tiers): one
   * segment, best-compression codec; its events stay searchable throughout and late events keep
   * arriving. Compacting a warm partition merges what arrived since. Normally the lifecycle does
   * this {@link StoreConfig#warmAfter()} after the day ends. Waits for {@link #startCompaction}.
   *
   * @return what the compaction did, or empty when there is no partition of that day
   * @throws StoreException when the store stopped taking writes, or closed before the compaction ended
   */
  public Optional<CompactionOutcome> compact(LocalDate day) throws IOException {
    Optional<CompactionTicket> ticket = startCompaction(day);
    if (ticket.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ticket.get().await());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the compaction of " + day + "; it goes on", e);
    }
  }

  /**
   * Queues the compaction of the partition of {@code day} and returns at once, or joins the one
   * already queued or running for that day (then {@link CompactionTicket#joined()}). Compactions
   * run one at a time, in arrival order, on the {@code corral-compactor} thread; the merge writes at
   * most {@link StoreConfig#compactionMaxBytesPerSec()}.
   *
   * @return the ticket to wait on, or empty when there is no partition of that day
   * @throws StoreException when the store is closing
   */
  public Optional<CompactionTicket> startCompaction(LocalDate day) throws StoreException {
    store.ensureOpen();
    DailyPartition partition = partitions.get(day);
    if (partition == null) {
      return Optional.empty();
    }
    return Optional.of(compactions.submit(day, () -> compactNow(partition)));
  }

  /** Runs on the compactor thread. */
  private CompactionOutcome compactNow(DailyPartition partition) throws IOException {
    if (partitions.get(partition.day()) != partition) {
      throw new StoreException("partition " + partition.day() + " was dropped before its compaction ran");
    }
    long started = System.nanoTime();
    long before = partition.info().sizeBytes();
    try {
      commitRound.compact(partition, config.compactionMaxBytesPerSec(), failure::throwIfStopped);
    } catch (StoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (!store.isOpen()) {
        log.atInfo().addKeyValue("partition", partition.day())
            .log("compaction stopped by the store closing; it is redone when the store opens");
        throw new StoreException("compaction of " + partition.day() + " stopped: the store closed; it is redone when"
            + " the store opens", e);
      }
      throw failure.failWith(e);
    }
    PartitionInfo after = partition.info();
    long took = (System.nanoTime() - started) / 1_000_000;
    log.atInfo().addKeyValue("partition", partition.day()).addKeyValue("bytes_before", before)
        .addKeyValue("bytes_after", after.sizeBytes()).addKeyValue("events", after.docCount())
        .addKeyValue("took_ms", took).log("partition compacted to warm");
    return new CompactionOutcome(after, before, took, false);
  }

  /**
   * Queues the compactions that a crash, a shutdown or a store failure interrupted (their last
   * commit still says a compaction is pending); they run in the background while the WAL replays.
   */
  void redoInterruptedCompactions() throws StoreException {
    for (DailyPartition partition : partitions.newestFirst()) {
      if (partition.compactionPending()) {
        log.atWarn().addKeyValue("partition", partition.day()).log("compaction to warm was interrupted; redoing it");
        startCompaction(partition.day());
      }
    }
  }

  /**
   * Compacts every hot partition whose day ended at least {@link StoreConfig#warmAfter()} before
   * {@code now}, and every partition whose compaction was interrupted, oldest first; closes the
   * writers that late events opened on warm partitions (committing them; their segments stay as
   * they are). Runs every minute on the lifecycle thread.
   *
   * @return the days compacted
   */
  public List<LocalDate> compactDue(Instant now) throws IOException, InterruptedException {
    List<LocalDate> due = new ArrayList<>();
    for (DailyPartition partition : partitions.newestFirst()) {
      Instant dayEnd = partition.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (partition.compactionPending()
          || partition.tier() == Tier.HOT && !dayEnd.plus(config.warmAfter()).isAfter(now)) {
        due.add(0, partition.day());
      } else if (partition.tier() == Tier.WARM && partition.hasWriter()) {
        compactions.runExclusive(() -> {
          if (partitions.get(partition.day()) == partition) { // not dropped meanwhile
            commitRound.commitAndCloseWriter(partition, failure::throwIfStopped);
          }
          return null;
        });
      }
    }
    for (LocalDate day : due) {
      if (!store.isOpen()) {
        break;
      }
      compact(day);
    }
    return due;
  }

  /**
   * Drops the partition of {@code day}: its events leave the store and its files the disk
   * (design.md, "Dropping a partition"). Runs on the compactor thread, so never under a compaction.
   *
   * <ul>
   *   <li>a query that acquired the partition before completes with its events: the files are
   *       deleted when the last such query releases it, not before;
   *   <li>a query from now on does not see it; an event of that day arriving later starts a new,
   *       empty partition of the day;
   *   <li>crash-safe: the directory is renamed to a tombstone atomically before anything is deleted,
   *       so a kill -9 leaves the whole partition or a tombstone, which the next open deletes;
   *   <li>works while the store does not take writes (a full disk is a reason to drop). Events of the
   *       day in WAL records after the checkpoint come back if the WAL is replayed (a crash or a
   *       recovery before the next commit round).
   * </ul>
   *
   * @return whether there was a partition of that day
   * @throws StoreException when the store is closing or closed
   */
  public boolean drop(LocalDate day) throws IOException {
    store.ensureOpen();
    try {
      return compactions.runExclusive(() -> {
        DailyPartition partition = partitions.get(day);
        if (partition == null) {
          return false;
        }
        int holders = partition.holders();
        boolean deleted = commitRound.drop(partition);
        log.atInfo().addKeyValue("partition", day).addKeyValue("queries_holding", holders)
            .addKeyValue("files_deleted", deleted ? "now" : "when the last query holding it ends")
            .log("partition dropped");
        return true;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to drop the partition of " + day, e);
    }
  }

  /**
   * Deletes the events of the partition of {@code day} that {@code filter} matches (the query
   * language's filter, resolved against {@code now} like a query's) and merges to reclaim their
   * space ({@link PartitionDeletion} has the steps). Runs on the compactor thread, so never under a
   * compaction or a drop. A query that acquired the partition before completes with the deleted
   * events; a query from now on does not see them. Idempotent: when nothing matches, nothing is
   * written.
   *
   * @return what it deleted, or empty when there is no partition of that day
   * @throws StoreException when the store stopped taking writes, is closing or closed
   */
  public Optional<DeletionOutcome> deleteMatching(LocalDate day, dev.corral.query.ast.Query filter, Instant now)
      throws IOException {
    store.ensureOpen();
    org.apache.lucene.search.Query query = LuceneQueryBuilder.build(FilterResolver.resolve(filter, now));
    try {
      return Optional.ofNullable(compactions.runExclusive(() -> deletion.delete(day, query)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to delete events of " + day, e);
    }
  }

  /**
   * Takes a {@link PartitionSnapshot} of the last commit of {@code day}'s partition into {@code
   * into} (a directory on the partitions' file system, emptied first, deleted by the snapshot's
   * close). Runs on the compactor thread, so never under a compaction or a drop, and holds the
   * commit-round lock while it links the files (indexing goes on; the next commit waits for the
   * links, not for the caller). The snapshot stays whole whatever the day does next: late events,
   * a compaction, a drop.
   *
   * @return the snapshot, or empty when there is no partition of that day
   * @throws StoreException when the store is closing, or the partition has no commit yet
   */
  public Optional<PartitionSnapshot> snapshot(LocalDate day, Path into) throws IOException {
    store.ensureOpen();
    try {
      return compactions.runExclusive(() -> {
        DailyPartition partition = partitions.get(day);
        return partition == null ? Optional.empty() : Optional.of(PartitionSnapshot.take(partition, commitRound, into));
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to snapshot the partition of " + day, e);
    }
  }

  /**
   * Adds the events of {@code copy} — a whole Lucene commit of {@code day} read from outside the
   * store, the archived copy of a day whose partition came back with late events — to the
   * partition of {@code day}, then merges and commits as {@link #deleteMatching} does. The commit
   * (and every later one) carries {@code generation}, which {@link #archivedCopy} returns, so a
   * caller that crashed after the merge sees it was done. Runs on the compactor thread; a query
   * that acquired the partition before does not see the added events, one from now on does.
   *
   * @return the events added, or empty when there is no partition of that day
   * @throws StoreException when the store stopped taking writes, is closing or closed
   */
  public Optional<Long> mergeArchivedCopy(LocalDate day, Path copy, long generation) throws IOException {
    store.ensureOpen();
    try {
      return Optional.ofNullable(compactions.runExclusive(() -> {
        DailyPartition partition = partitions.get(day);
        if (partition == null) {
          return null;
        }
        boolean hadWriter = partition.hasWriter();
        long added;
        try (Directory directory = FSDirectory.open(copy)) {
          added = commitRound.withNoRecordInFlight(failure::throwIfStopped,
              position -> partition.mergeArchivedCopy(directory, generation, position));
        }
        deletion.mergeAndCommit(partition, hadWriter);
        log.atInfo().addKeyValue("partition", day).addKeyValue("archived_generation", generation)
            .addKeyValue("events_added", added).log("archived copy merged into the partition");
        return added;
      }));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to merge the archived copy of " + day, e);
    }
  }

  /**
   * The archived generation merged into the partition of {@code day} ({@link #mergeArchivedCopy}),
   * as its last commit says; empty when none was, or there is no partition of that day.
   */
  public OptionalLong archivedCopy(LocalDate day) {
    store.ensureOpen();
    DailyPartition partition = partitions.get(day);
    long generation = partition == null ? PartitionCommitData.NO_ARCHIVED_COPY : partition.archivedCopy();
    return generation == PartitionCommitData.NO_ARCHIVED_COPY ? OptionalLong.empty() : OptionalLong.of(generation);
  }

  /**
   * The generation of the last Lucene commit of {@code day}'s partition ({@code segments_N}): it
   * grows with every commit (late events, a compaction), so a reader of snapshots can tell the day
   * changed since. Reads the directory listing only.
   *
   * @return the generation, or empty when there is no partition of that day or it has no commit
   */
  public OptionalLong lastCommitGeneration(LocalDate day) throws IOException {
    store.ensureOpen();
    DailyPartition partition = partitions.get(day);
    if (partition == null) {
      return OptionalLong.empty();
    }
    String[] files;
    try {
      files = partition.path().toFile().list();
    } catch (SecurityException e) {
      throw new StoreException("cannot list " + partition.path(), e);
    }
    long generation = files == null ? -1 : SegmentInfos.getLastCommitGeneration(files);
    return generation < 0 ? OptionalLong.empty() : OptionalLong.of(generation);
  }

  private void compactDueQuietly() {
    if (failure.isStopped() || !store.isOpen()) {
      return;
    }
    try {
      compactDue(Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the store is closing
    } catch (IOException | RuntimeException e) {
      if (store.isOpen()) {
        log.atWarn().setCause(e).log("compaction to warm failed; retried at the next lifecycle run");
      }
    }
  }
}
