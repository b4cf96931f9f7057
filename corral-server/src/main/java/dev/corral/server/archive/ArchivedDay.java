package dev.corral.server.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A day the archive holds, verified: what {@code data/archive/state.json} records per day.
 *
 * @param day the UTC day
 * @param generation the Lucene commit generation uploaded; its objects are under {@code days/DAY/GENERATION/}
 * @param events events in that commit
 * @param bytes bytes of its files in the bucket (the manifest not counted)
 * @param archivedAt when it was verified and recorded
 * @param local whether the day's partition is still on the local disk as far as the archive knows
 *     (false once the archive removed it after {@code archive.local_max_age}, or found it gone)
 * @param localNewer the local partition holds events this generation lacks: late events of a day
 *     only the bucket held, merged with the archived copy into the local partition; the next pass
 *     uploads the partition as the day's new generation, and it is not removed locally before
 */
record ArchivedDay(LocalDate day, long generation, long events, long bytes, Instant archivedAt, boolean local,
    boolean localNewer) {
  ArchivedDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(archivedAt, "archivedAt");
    if (localNewer && !local) {
      throw new IllegalArgumentException("BUG: archived day " + day + " is newer locally but not local");
    }
  }

  /** A day as verified in the bucket, the local partition (if {@code local}) being the commit uploaded. */
  ArchivedDay(LocalDate day, long generation, long events, long bytes, Instant archivedAt, boolean local) {
    this(day, generation, events, bytes, archivedAt, local, false);
  }

  /** The same day, no longer on the local disk. */
  ArchivedDay removedLocally() {
    return new ArchivedDay(day, generation, events, bytes, archivedAt, false, false);
  }

  /** The same day, its archived copy merged with late events into the local partition: local and newer there. */
  ArchivedDay mergedLocally() {
    return new ArchivedDay(day, generation, events, bytes, archivedAt, true, true);
  }
}
