package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The archived days {@code corral restore} pinned in the fetch cache, kept in {@code
 * data/archive/pins.json} (format version {@value #FORMAT_VERSION}): {@code {"format_version":1,
 * "days":["2026-09-01",…]}}. A day is pinned before it is fetched, so a restore a crash interrupted
 * names its days after the restart and the archive fetches those still missing; every change
 * replaces the file durably ({@link DurableFile}).
 *
 * <p>Thread-safe.
 */
final class DayPins {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final TreeSet<LocalDate> days;

  private DayPins(Path file, TreeSet<LocalDate> days) {
    this.file = file;
    this.days = days;
  }

  /**
   * Reads {@code file}, or starts with no pin when there is none.
   *
   * @throws IOException naming the file when it is not JSON, not version {@value #FORMAT_VERSION} or
   *     lists something other than a day
   */
  static DayPins load(Path file) throws IOException {
    TreeSet<LocalDate> days = new TreeSet<>();
    JsonNode root = VersionedJson.read(file, FORMAT_VERSION);
    if (root != null) {
      try {
        for (JsonNode day : root.path("days")) {
          days.add(LocalDate.parse(day.asText()));
        }
      } catch (DateTimeParseException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    return new DayPins(file, days);
  }

  synchronized boolean contains(LocalDate day) {
    return days.contains(day);
  }

  /** Every pinned day, oldest first. */
  synchronized List<LocalDate> days() {
    return List.copyOf(days);
  }

  /** Pins {@code add}, durably; returns whether any was new. */
  synchronized boolean pin(Collection<LocalDate> add) throws IOException {
    boolean changed = days.addAll(add);
    if (changed) {
      save();
    }
    return changed;
  }

  /** Releases {@code remove}, durably; returns the days that were pinned. */
  synchronized List<LocalDate> release(Collection<LocalDate> remove) throws IOException {
    List<LocalDate> released = remove.stream().filter(days::contains).sorted().distinct().toList();
    if (!released.isEmpty()) {
      days.removeAll(released);
      save();
    }
    return released;
  }

  private void save() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    days.forEach(day -> root.withArray("days").add(day.toString()));
    if (days.isEmpty()) {
      root.putArray("days");
    }
    Files.createDirectories(file.getParent());
    DurableFile.replace(file, JSON.writeValueAsBytes(root));
  }
}
