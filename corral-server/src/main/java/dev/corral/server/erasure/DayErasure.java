package dev.corral.server.erasure;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an erasure removed from one day, as the erasure log records it and the API reports it.
 *
 * @param day the UTC day
 * @param localEvents events deleted from the store's partition of the day (0 when it has none)
 * @param bytesReclaimed bytes the store's partition gave back
 * @param archive what happened to the archive's copy: {@code not archived}, {@code rewritten}
 *     (a new generation without the events, verified; the old one deleted) or {@code unchanged}
 * @param archivedCopyEvents events deleted from the copy of a day only the archive holds
 * @param rawBackupEvents events removed from the raw backup's objects, -1 when none is configured
 */
public record DayErasure(LocalDate day, long localEvents, long bytesReclaimed, String archive, long archivedCopyEvents,
    long rawBackupEvents) {
  public DayErasure {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(archive, "archive");
  }

  /** Events removed from the day: the store's and the archive-only copy's (a day is in one or the other). */
  long events() {
    return localEvents + archivedCopyEvents;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("day", day.toString());
    json.put("events", events());
    json.put("local_events", localEvents);
    json.put("bytes_reclaimed", bytesReclaimed);
    json.put("archive", archive);
    json.put("archived_copy_events", archivedCopyEvents);
    json.put("raw_backup", rawBackupEvents < 0 ? "not configured" : rawBackupEvents);
    return json;
  }
}
