package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The days the archive holds, verified, kept in {@code data/archive/state.json} (format version
 * {@value #FORMAT_VERSION}): {@code {"format_version":1,"days":[{"day","generation","events","bytes",
 * "archived_at","local"}]}}, and {@code "local_newer": true} on a day whose local partition holds
 * late events merged with its archived copy ({@link ArchivedDay#localNewer()}; absent: false). A day is recorded only after its upload is verified, so the file never
 * claims a day the bucket does not hold whole; every change replaces the file durably ({@link
 * DurableFile}), so a crash leaves the old state or the new.
 *
 * <p>Thread-safe.
 */
final class ArchiveState {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final TreeMap<LocalDate, ArchivedDay> days;

  private ArchiveState(Path file, TreeMap<LocalDate, ArchivedDay> days) {
    this.file = file;
    this.days = days;
  }

  /**
   * Reads {@code file}, or starts empty when there is none.
   *
   * @throws IOException naming the file and the field when it cannot be read, is not version
   *     {@value #FORMAT_VERSION} or is malformed
   */
  static ArchiveState load(Path file) throws IOException {
    TreeMap<LocalDate, ArchivedDay> days = new TreeMap<>();
    JsonNode root = VersionedJson.read(file, FORMAT_VERSION);
    if (root != null) {
      try {
        for (JsonNode day : root.path("days")) {
          ArchivedDay archived = new ArchivedDay(LocalDate.parse(day.path("day").asText()),
              day.path("generation").asLong(), day.path("events").asLong(), day.path("bytes").asLong(),
              Instant.parse(day.path("archived_at").asText()), day.path("local").asBoolean(true),
              day.path("local_newer").asBoolean(false));
          days.put(archived.day(), archived);
        }
      } catch (DateTimeParseException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    return new ArchiveState(file, days);
  }

  /** Every archived day, oldest first. */
  synchronized List<ArchivedDay> days() {
    return List.copyOf(days.values());
  }

  synchronized Optional<ArchivedDay> get(LocalDate day) {
    return Optional.ofNullable(days.get(day));
  }

  /** Records (or replaces) a verified day, durably. */
  synchronized void record(ArchivedDay day) throws IOException {
    days.put(day.day(), day);
    save();
  }

  /** Records the days of {@code found} it does not know yet (learnt from the bucket), durably; returns how many. */
  synchronized int learn(List<ArchivedDay> found) throws IOException {
    int learnt = 0;
    for (ArchivedDay day : found) {
      if (days.putIfAbsent(day.day(), day) == null) {
        learnt++;
      }
    }
    if (learnt > 0) {
      save();
    }
    return learnt;
  }

  /** Forgets a day (its objects were deleted from the bucket), durably. */
  synchronized void forget(LocalDate day) throws IOException {
    if (days.remove(day) != null) {
      save();
    }
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    ArrayNode array = root.putArray("days");
    for (ArchivedDay day : days.values()) {
      ObjectNode json = array.addObject().put("day", day.day().toString()).put("generation", day.generation())
          .put("events", day.events()).put("bytes", day.bytes()).put("archived_at", day.archivedAt().toString())
          .put("local", day.local());
      if (day.localNewer()) {
        json.put("local_newer", true); // written only when set: files without it read as false
      }
    }
    Files.createDirectories(file.getParent());
    DurableFile.replace(file, JSON.writeValueAsBytes(root));
  }
}
