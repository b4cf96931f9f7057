package dev.corral.server.retention;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One deletion retention made: a day partition dropped whole, or events deleted inside one.
 *
 * @param at when
 * @param day the partition's UTC day
 * @param action {@link Action#DROPPED} or {@link Action#DELETED}
 * @param events events removed (a dropped day: all it held)
 * @param bytes bytes given back to the disk (a dropped day: its size; files a running query still
 *     reads go when it ends)
 * @param reason the limit that decided it: {@code max_age (30d)}, {@code max_bytes (200GiB)}, {@code
 *     rule level:DEBUG (3d)}
 */
public record DeletionRecord(Instant at, LocalDate day, Action action, long events, long bytes, String reason) {
  /** What happened to the day. */
  public enum Action {
    /** The whole partition went. */
    DROPPED,
    /** Events matching a query were deleted inside it. */
    DELETED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DeletionRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** One line for people: {@code dropped 2026-10-01: 1234567 bytes, 4100000 events, by max_age (30d)}. */
  public String summary() {
    return action == Action.DROPPED
        ? "dropped " + day + ": " + bytes + " bytes, " + events + " events, by " + reason
        : "deleted " + events + " events of " + day + " by " + reason + " (" + bytes + " bytes reclaimed)";
  }

  /** As stored in the deletions file and shown in the stats. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", at.toString());
    json.put("day", day.toString());
    json.put("action", action.label());
    json.put("events", events);
    json.put("bytes", bytes);
    json.put("reason", reason);
    json.put("summary", summary());
    return json;
  }

  /** Reads what {@link #toJson} wrote. */
  static DeletionRecord fromJson(JsonNode json) {
    return new DeletionRecord(Instant.parse(json.path("at").asText()), LocalDate.parse(json.path("day").asText()),
        Action.valueOf(json.path("action").asText().toUpperCase(Locale.ROOT)), json.path("events").asLong(),
        json.path("bytes").asLong(), json.path("reason").asText());
  }
}
