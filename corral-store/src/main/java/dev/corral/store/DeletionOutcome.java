package dev.corral.store;

import java.time.LocalDate;

/**
 * What a deletion by query did to one day partition ({@link PartitionLifecycle#deleteMatching}).
 *
 * @param day the partition's UTC day
 * @param deletedEvents events the query matched and that are deleted now (0: nothing matched, nothing was written)
 * @param bytesBefore the partition's bytes on disk before
 * @param bytesAfter its bytes after the deletion and the merge that reclaims their space; files a
 *     running query still reads are deleted when it ends, so this may be reached only then
 */
public record DeletionOutcome(LocalDate day, long deletedEvents, long bytesBefore, long bytesAfter) {
  public DeletionOutcome {
    if (deletedEvents < 0) {
      throw new IllegalArgumentException("deletedEvents (" + deletedEvents + ") must not be negative");
    }
  }

  /** Bytes the deletion gave back to the disk, 0 when the partition did not shrink (yet). */
  public long bytesReclaimed() {
    return Math.max(0, bytesBefore - bytesAfter);
  }
}
