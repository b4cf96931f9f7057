package dev.corral.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.corral.server.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key file, {@code <data.dir>/auth/keys.json}: every key's {@link KeyInfo} and the Argon2id
 * hash of its secret ({@link SecretHash}), never the secret. Written whole to a temporary file
 * (mode 0600 where the file system has POSIX permissions), fsync'd and renamed over the old one,
 * so a crash leaves the old file or the new one. Version {@value #VERSION}. Not thread-safe: {@link
 * ApiKeys} serializes its use.
 *
 * <p>A key's {@code events_per_second} and {@code queries_per_minute} were added within version 1:
 * a file written before them has neither, read as {@link KeyLimits#NONE} (the server's defaults).
 */
final class KeyFile {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A key as stored: what is known of it and the hash of its secret. */
  record Entry(KeyInfo info, String hash) {}

  private final Path file;

  KeyFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** The stored keys in creation order; none when the file does not exist. */
  List<Entry> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("version").asInt() != VERSION) {
      throw new IOException(file + ": key file version " + root.path("version") + ", this server reads " + VERSION);
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode key : root.path("keys")) {
      List<String> services = new ArrayList<>();
      key.path("services").forEach(s -> services.add(s.asText()));
      try {
        entries.add(new Entry(new KeyInfo(key.path("id").asText(), key.path("name").asText(),
            Scope.valueOf(key.path("scope").asText().toUpperCase(Locale.ROOT)), services, text(key, "read_filter"),
            Instant.parse(key.path("created").asText()), instant(key, "expires"), instant(key, "revoked"),
            instant(key, "last_used"), new KeyLimits(key.path("events_per_second").asLong(0),
            key.path("queries_per_minute").asLong(0))), key.path("hash").asText()));
      } catch (RuntimeException e) {
        throw new IOException(file + ": key " + key.path("id").asText("?") + " cannot be read: " + e.getMessage(), e);
      }
    }
    return entries;
  }

  /** Replaces the file with {@code entries}, atomically. */
  void write(List<Entry> entries) throws IOException {
    Files.createDirectories(file.getParent());
    List<Map<String, Object>> keys = new ArrayList<>();
    Instant now = Instant.now();
    for (Entry entry : entries) {
      Map<String, Object> key = new LinkedHashMap<>(entry.info().toJson(now));
      key.remove("state");
      key.put("hash", entry.hash());
      keys.add(key);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    root.put("keys", keys);
    DurableFile.replaceOwnerOnly(file, JSON.writeValueAsBytes(root));
  }

  private static String text(JsonNode key, String field) {
    JsonNode value = key.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant instant(JsonNode key, String field) {
    String value = text(key, field);
    return value == null ? null : Instant.parse(value);
  }
}
