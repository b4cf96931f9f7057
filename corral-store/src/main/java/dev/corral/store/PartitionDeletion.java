package dev.corral.store;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.lucene.search.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the events of one partition that a query matches and reclaims their space (design.md,
 * "Deleting events by query"), for retention's stream rules:
 *
 * <ol>
 *   <li>count the matches on the partition's searcher: none, and nothing is written (a second run
 *       of the same deletion opens no writer and commits nothing);
 *   <li>with no record in flight: commit what the writer holds, delete the matches, commit again
 *       ({@link DailyPartition#deleteMatching}); from here a new searcher does not see them, and a
 *       query that acquired the partition before keeps seeing them until it releases it;
 *   <li>outside the locks, for a warm day: merge it into one segment again, without the deleted
 *       events, as its compaction did ({@link DailyPartition#reclaimDeleted}), which gives their
 *       space back; a hot day gets it back when it is compacted to warm;
 *   <li>with no record in flight again: commit the merge; close the writer if the partition had
 *       none before (a warm day keeps no writer).
 * </ol>
 *
 * <p>Runs on the {@code corral-compactor} thread ({@link Compactions#runExclusive}), so never under a
 * compaction or a drop of the same store. A crash after step 2 leaves the deletion committed and
 * the space taken until the day's next compaction; before it, nothing happened. Events of
 * the day in WAL records after the checkpoint come back if the WAL is replayed; the next run
 * deletes them again.
 */
final class PartitionDeletion {
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final StoreConfig config;
  private final StoreFailure failure;
  private final Partitions partitions;
  private final CommitRound commitRound;

  PartitionDeletion(StoreConfig config, StoreFailure failure, Partitions partitions, CommitRound commitRound) {
    this.config = config;
    this.failure = failure;
    this.partitions = partitions;
    this.commitRound = commitRound;
  }

  /** Runs the steps above on the partition of {@code day}; null when there is none. Compactor thread only. */
  DeletionOutcome delete(LocalDate day, Query query) throws IOException {
    DailyPartition partition = partitions.get(day);
    if (partition == null) {
      return null;
    }
    long before = partition.info().sizeBytes();
    if (countMatching(partition, query) == 0) {
      return new DeletionOutcome(day, 0, before, before);
    }
    boolean hadWriter = partition.hasWriter();
    long deleted = commitRound.withNoRecordInFlight(failure::throwIfStopped,
        position -> partition.deleteMatching(query, position));
    mergeAndCommit(partition, hadWriter);
    DeletionOutcome outcome = new DeletionOutcome(day, deleted, before, partition.info().sizeBytes());
    log.atInfo().addKeyValue("partition", day).addKeyValue("query", query).addKeyValue("events_deleted", deleted)
        .addKeyValue("bytes_before", before).addKeyValue("bytes_after", outcome.bytesAfter())
        .log("events deleted by query");
    return outcome;
  }

  /**
   * After a rewrite of {@code partition} (a deletion, an archived copy merged in): a warm partition
   * is merged into one segment again ({@link DailyPartition#reclaimDeleted}), then committed; its
   * writer is closed again when it had none before ({@code hadWriter}). Compactor thread only.
   */
  void mergeAndCommit(DailyPartition partition, boolean hadWriter) throws IOException {
    partition.reclaimDeleted(config.compactionMaxBytesPerSec());
    commitRound.withNoRecordInFlight(failure::throwIfStopped, position -> {
      long label = Math.max(position, partition.committedPosition());
      if (hadWriter) {
        if (partition.prepareCommit(label)) {
          partition.commitPrepared(label);
        }
        partition.refresh(0);
      } else {
        partition.commitAndCloseWriter(label, partition.tier());
      }
      return null;
    });
  }

  /** Events of the partition's searcher (its last refresh) that {@code query} matches. */
  private static int countMatching(DailyPartition partition, Query query) throws IOException {
    try (AcquiredSearcher searcher = partition.acquire()) {
      return searcher == null ? 0 : searcher.searcher().count(query);
    }
  }
}
