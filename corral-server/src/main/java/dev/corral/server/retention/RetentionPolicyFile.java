package dev.corral.server.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.files.DurableFile;
import dev.corral.server.http.Json;
import dev.corral.server.search.InvalidFieldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The policy set through the admin API, in {@code data/retention.json}: {@code {"format_version": 1,
 * "policy": {...}, "updated": "<instant>", "updated_by": "<key id>"}}, replaced whole and durably
 * ({@link DurableFile}: a crash leaves the old policy or the new). While it exists it overrides the
 * {@code retention.*} settings of corral.yaml.
 */
final class RetentionPolicyFile {
  /** The file's format; a file of another version is refused at start, naming both. */
  static final int FORMAT_VERSION = 1;

  /**
   * A policy as stored.
   *
   * @param updatedBy the key id of the admin who set it, or {@code local} without access control
   */
  record Stored(RetentionPolicy policy, Instant updated, String updatedBy) {}

  private final Path file;

  RetentionPolicyFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /**
   * The stored policy, or empty when none was set through the API.
   *
   * @throws IOException naming the file when it cannot be read or holds no valid policy (a rule
   *     whose match no longer parses included)
   */
  Optional<Stored> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode json = RetentionFiles.read(file, FORMAT_VERSION);
    try {
      RetentionPolicy policy = RetentionPolicyJson.read(json.get("policy"), RetentionPolicy.KEEP_EVERYTHING);
      return Optional.of(new Stored(policy, Instant.parse(json.path("updated").asText()), json.path("updated_by").asText()));
    } catch (InvalidFieldException | RuntimeException e) {
      throw new IOException(file + " holds no usable retention policy: " + e.getMessage()
          + "; fix it, or delete it to use corral.yaml's", e);
    }
  }

  /** Replaces the file with {@code stored}. */
  void write(Stored stored) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format_version", FORMAT_VERSION);
    json.put("policy", RetentionPolicyJson.write(stored.policy()));
    json.put("updated", stored.updated().toString());
    json.put("updated_by", stored.updatedBy());
    DurableFile.replace(file, Json.bytes(json));
  }

  /** Removes the file: corral.yaml's policy applies again. Whether there was one. */
  boolean delete() throws IOException {
    return Files.deleteIfExists(file);
  }
}
