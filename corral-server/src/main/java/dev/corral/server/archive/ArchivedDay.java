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
 */
record ArchivedDay(LocalDate day, long generation, long events, long bytes, Instant archivedAt, boolean local) {
  ArchivedDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(archivedAt, "archivedAt");
  }

  /** The same day, no longer on the local disk. */
  ArchivedDay removedLocally() {
    return new ArchivedDay(day, generation, events, bytes, archivedAt, false);
  }
}
