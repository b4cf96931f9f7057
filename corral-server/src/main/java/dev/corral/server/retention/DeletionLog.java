package dev.corral.server.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.files.DurableFile;
import dev.corral.server.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent deletions, newest first, kept in {@code data/retention-deletions.json} (written
 * whole and durably, {@link DurableFile}; {@code {"format_version": 1, "deletions": [...]}}) so the
 * Status page still shows them after a restart. Bounded: the oldest fall off.
 *
 * <p>Thread-safety: every method is synchronized.
 */
final class DeletionLog {
  /** The file's format; a file of another version is refused, naming both. */
  static final int FORMAT_VERSION = 1;
  /** A year of daily drops plus a few rules' deletions would be more than a page shows; this many is enough to look back. */
  static final int MAX_RECORDS = 100;

  private final Path file;
  private final List<DeletionRecord> newestFirst = new ArrayList<>();

  private DeletionLog(Path file) {
    this.file = file;
  }

  /**
   * The log of {@code file}, read if it exists.
   *
   * @throws IOException when it cannot be read, is not JSON or has another format version (naming the file)
   */
  static DeletionLog open(Path file) throws IOException {
    DeletionLog log = new DeletionLog(file);
    if (Files.exists(file)) {
      JsonNode json = RetentionFiles.read(file, FORMAT_VERSION);
      for (JsonNode record : json.path("deletions")) {
        log.newestFirst.add(DeletionRecord.fromJson(record));
      }
    }
    return log;
  }

  /** Adds {@code records} (in the order they happened) and writes the file. */
  synchronized void append(List<DeletionRecord> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    for (DeletionRecord record : records) {
      newestFirst.add(0, record);
    }
    while (newestFirst.size() > MAX_RECORDS) {
      newestFirst.remove(newestFirst.size() - 1);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format_version", FORMAT_VERSION);
    json.put("deletions", newestFirst.stream().map(DeletionRecord::toJson).toList());
    DurableFile.replace(file, Json.bytes(json));
  }

  /** The newest {@code count} records, newest first. */
  synchronized List<DeletionRecord> newest(int count) {
    return List.copyOf(newestFirst.subList(0, Math.min(count, newestFirst.size())));
  }
}
