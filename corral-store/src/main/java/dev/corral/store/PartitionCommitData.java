package dev.corral.store;

import java.util.Map;

/**
 * The user data every Lucene commit of a {@link DailyPartition} carries: {@value #POSITION_KEY}, the
 * WAL position below which the commit holds every event of its day; {@value #TIER_KEY}, the
 * partition's {@link Tier}; and, from the start of a compaction to its end, {@value #COMPACTION_KEY}
 * (value {@value #COMPACTION_PENDING}): a partition opened with it was interrupted mid-compaction.
 *
 * @param position WAL position of the commit (0 when the commit carries none)
 * @param tier how the partition's writer writes segments
 * @param compactionPending whether a compaction started and has not finished
 */
record PartitionCommitData(long position, Tier tier, boolean compactionPending) {
  /** Key of the WAL position in a Lucene commit's user data. */
  static final String POSITION_KEY = "corral.wal.position";
  /** Key of the partition's tier in a Lucene commit's user data. */
  static final String TIER_KEY = "corral.tier";
  /** Key present (value {@value #COMPACTION_PENDING}) in every commit from the start of a compaction to its end. */
  static final String COMPACTION_KEY = "corral.compaction";
  static final String COMPACTION_PENDING = "pending";

  /** Reads a commit's user data; a key it lacks reads as position 0, {@link Tier#ofLabel}(null), no compaction. */
  static PartitionCommitData read(Map<String, String> userData) {
    String position = userData.get(POSITION_KEY);
    return new PartitionCommitData(position == null ? 0 : Long.parseLong(position),
        Tier.ofLabel(userData.get(TIER_KEY)), COMPACTION_PENDING.equals(userData.get(COMPACTION_KEY)));
  }

  /** The WAL position in a writer's live commit data ({@code null} or without the key: 0). */
  static long position(Iterable<Map.Entry<String, String>> commitData) {
    if (commitData != null) {
      for (Map.Entry<String, String> entry : commitData) {
        if (entry.getKey().equals(POSITION_KEY)) {
          return Long.parseLong(entry.getValue());
        }
      }
    }
    return 0;
  }

  /** The user data to set on the commit. */
  Map<String, String> userData() {
    return compactionPending
        ? Map.of(POSITION_KEY, Long.toString(position), TIER_KEY, tier.label(), COMPACTION_KEY, COMPACTION_PENDING)
        : Map.of(POSITION_KEY, Long.toString(position), TIER_KEY, tier.label());
  }
}
