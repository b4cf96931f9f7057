package dev.corral.store;

/**
 * What one compaction of a partition to warm did (design.md, tiers).
 *
 * @param partition the partition right after the compaction
 * @param bytesBefore its bytes on disk when the compaction started
 * @param tookMillis how long the compaction ran, from its start (not from the caller's request)
 * @param joined whether this caller joined a compaction of the partition that was already queued or
 *     running, instead of starting one
 */
public record CompactionOutcome(PartitionInfo partition, long bytesBefore, long tookMillis, boolean joined) {
  public CompactionOutcome {
    java.util.Objects.requireNonNull(partition, "partition");
  }

  /** The same outcome, as seen by a caller that joined it. */
  CompactionOutcome asJoined() {
    return new CompactionOutcome(partition, bytesBefore, tookMillis, true);
  }
}
