package dev.corral.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A file of credentials — {@code {"version": 1, "<entries>": [{…, "hash": "…"}, …]}} — as the key file
 * and the users file are: read whole, and written whole to a temporary file (mode 0600 where the file
 * system has POSIX permissions), fsync'd and renamed over the old one, so a crash leaves the old file
 * or the new one. Not thread-safe: its owner serializes its use.
 */
final class CredentialFile {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final String kind;
  private final String entriesField;
  private final String idField;

  /**
   * @param kind what one entry is, for errors ({@code key}, {@code user})
   * @param entriesField the array holding the entries ({@code keys}, {@code users})
   * @param idField the field naming an entry in errors ({@code id}, {@code name})
   */
  CredentialFile(Path file, String kind, String entriesField, String idField) {
    this.file = file;
    this.kind = kind;
    this.entriesField = entriesField;
    this.idField = idField;
  }

  Path path() {
    return file;
  }

  /**
   * Every entry in file order, each made by {@code entry}; none when the file does not exist.
   *
   * @throws IOException when the file is of another version or an entry cannot be read (naming it)
   */
  <T> List<T> read(Function<JsonNode, T> entry) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("version").asInt() != VERSION) {
      throw new IOException(file + ": " + kind + " file version " + root.path("version") + ", this server reads "
          + VERSION);
    }
    List<T> entries = new ArrayList<>();
    for (JsonNode node : root.path(entriesField)) {
      try {
        entries.add(entry.apply(node));
      } catch (RuntimeException e) {
        throw new IOException(file + ": " + kind + " " + node.path(idField).asText("?") + " cannot be read: "
            + e.getMessage(), e);
      }
    }
    return entries;
  }

  /** Replaces the file with {@code entries} (each one JSON object, its hash included), atomically. */
  void write(List<Map<String, Object>> entries) throws IOException {
    Files.createDirectories(file.getParent());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    root.put(entriesField, entries);
    DurableFile.replaceOwnerOnly(file, JSON.writeValueAsBytes(root));
  }

  /** The strings of the array {@code field} of {@code entry}; empty when it has none. */
  static List<String> strings(JsonNode entry, String field) {
    List<String> values = new ArrayList<>();
    entry.path(field).forEach(value -> values.add(value.asText()));
    return values;
  }
}
