package dev.corral.server.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one archive pass did.
 *
 * @param started when it started
 * @param tookMillis how long it ran
 * @param archived days uploaded (or found uploaded) and verified in this pass
 * @param removedLocally days dropped from the local disk (archived, past {@code archive.local_max_age})
 * @param deletedFromBucket days whose objects were deleted (past {@code archive.max_age})
 * @param abortedUploads incomplete multipart uploads found and aborted
 * @param failures per day, why that day was not archived (one line); the pass went on with the next day
 * @param error why the pass stopped early (the store unreachable, credentials refused), or null
 */
record PassOutcome(Instant started, long tookMillis, List<LocalDate> archived, List<LocalDate> removedLocally,
    List<LocalDate> deletedFromBucket, int abortedUploads, Map<LocalDate, String> failures, String error) {
  PassOutcome {
    Objects.requireNonNull(started, "started");
    archived = List.copyOf(archived);
    removedLocally = List.copyOf(removedLocally);
    deletedFromBucket = List.copyOf(deletedFromBucket);
    failures = Map.copyOf(failures);
  }

  /** Whether nothing failed. */
  boolean succeeded() {
    return error == null && failures.isEmpty();
  }
}
