package dev.corral.server.erasure;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A day of an erasure done in the store and the archive but not in the raw backup (its store is
 * down, or the backup could not upload what the WAL holds within {@code backup.erasure_wait}): the
 * day is not recorded as done in the erasure log, so the erasure stays unfinished and the day is
 * erased again — finding nothing more in the store and the archive — when it is resumed.
 */
final class UnfinishedDayException extends IOException {
  private final transient DayErasure doneSoFar;

  /**
   * @param doneSoFar what the store and the archive removed from the day (its raw backup count is not used)
   * @param cause why the raw backup's objects of the day could not be rewritten
   */
  UnfinishedDayException(DayErasure doneSoFar, IOException cause) {
    super("day " + doneSoFar.day() + " is erased from the store (" + doneSoFar.localEvents() + " events) and the archive ("
        + doneSoFar.archive() + ", " + doneSoFar.archivedCopyEvents() + " events from its copy) but NOT from the raw"
        + " backup: " + cause.getMessage() + "; the erasure stays unfinished and is resumed at the next start or when"
        + " sent again", Objects.requireNonNull(cause, "cause"));
    this.doneSoFar = doneSoFar;
  }

  /** {@code {"day", "local_events", "archive", "archived_copy_events", "raw_backup": "not erased", "reason"}}. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(doneSoFar.toJson());
    json.remove("events");
    json.remove("bytes_reclaimed");
    json.put("raw_backup", "not erased");
    json.put("reason", getCause().getMessage());
    return json;
  }
}
