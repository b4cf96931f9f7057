package dev.corral.store;

import java.util.Map;

/**
 * The user data every Lucene commit of a {@link DailyPartition} carries: {@value #POSITION_KEY}, the
 * WAL position below which the commit holds every event of its day; {@value #TIER_KEY}, the
 * partition's {@link Tier}; and, from the start of a compaction to its end, {@value #COMPACTION_KEY}
 * (value {@value #COMPACTION_PENDING}): a partition opened with it was interrupted mid-compaction;
 * and, once an archived copy of the day was merged into the partition ({@link
 * PartitionLifecycle#mergeArchivedCopy}), {@value #ARCHIVED_COPY_KEY}: the archived generation
 * merged, carried by every later commit so that the merge is never done twice.
 *
 * @param position WAL position of the commit (0 when the commit carries none)
 * @param tier how the partition's writer writes segments
 * @param compactionPending whether a compaction started and has not finished
 * @param archivedCopy the generation of the archived copy merged into the partition, {@value #NO_ARCHIVED_COPY} for none
 */
record PartitionCommitData(long position, Tier tier, boolean compactionPending, long archivedCopy) {
  /** Key of the WAL position in a Lucene commit's user data. */
  static final String POSITION_KEY = "corral.wal.position";
  /** Key of the partition's tier in a Lucene commit's user data. */
  static final String TIER_KEY = "corral.tier";
  /** Key present (value {@value #COMPACTION_PENDING}) in every commit from the start of a compaction to its end. */
  static final String COMPACTION_KEY = "corral.compaction";
  static final String COMPACTION_PENDING = "pending";
  /** Key of the archived generation merged into the partition (absent: none). */
  static final String ARCHIVED_COPY_KEY = "corral.archive.merged";
  static final long NO_ARCHIVED_COPY = -1;

  /**
   * Reads a commit's user data; a key it lacks reads as position 0, {@link Tier#ofLabel}(null), no
   * compaction, no archived copy.
   */
  static PartitionCommitData read(Map<String, String> userData) {
    String position = userData.get(POSITION_KEY);
    String archivedCopy = userData.get(ARCHIVED_COPY_KEY);
    return new PartitionCommitData(position == null ? 0 : Long.parseLong(position),
        Tier.ofLabel(userData.get(TIER_KEY)), COMPACTION_PENDING.equals(userData.get(COMPACTION_KEY)),
        archivedCopy == null ? NO_ARCHIVED_COPY : Long.parseLong(archivedCopy));
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
    Map<String, String> data = new java.util.HashMap<>(Map.of(POSITION_KEY, Long.toString(position), TIER_KEY, tier.label()));
    if (compactionPending) {
      data.put(COMPACTION_KEY, COMPACTION_PENDING);
    }
    if (archivedCopy != NO_ARCHIVED_COPY) {
      data.put(ARCHIVED_COPY_KEY, Long.toString(archivedCopy));
    }
    return Map.copyOf(data);
  }
}
