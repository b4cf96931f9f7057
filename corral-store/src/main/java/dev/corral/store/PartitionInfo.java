package dev.corral.store;

import java.time.LocalDate;

/**
 * A snapshot of one daily partition.
 *
 * @param day the UTC day the partition holds
 * @param docCount events visible to search
 * @param sizeBytes bytes on disk
 * @param committedPosition the WAL position its last Lucene commit contains everything below (per
 *     record: records before it were applied to this partition if they held events of its day)
 * @param writerOpen whether a Lucene writer is open on it (it received events since startup or since
 *     it was compacted)
 * @param tier hot (receiving, fast codec) or warm (compacted, best compression)
 * @param compactionPending whether a compaction to warm started and has not finished; the store
 *     redoes an interrupted one when it opens
 */
public record PartitionInfo(LocalDate day, long docCount, long sizeBytes, long committedPosition, boolean writerOpen,
    Tier tier, boolean compactionPending) {}
