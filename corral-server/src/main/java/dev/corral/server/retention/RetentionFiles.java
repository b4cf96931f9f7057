package dev.corral.server.retention;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads retention's own files in the data directory, each a JSON object with a {@code format_version}. */
final class RetentionFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RetentionFiles() {}

  /**
   * The JSON object of {@code file}.
   *
   * @throws IOException naming the file when it cannot be read, is not a JSON object, or its
   *     format version is not {@code version}
   */
  static JsonNode read(Path file, int version) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(Files.readAllBytes(file));
    } catch (JacksonException e) {
      throw new IOException(file + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IOException(file + " does not hold a JSON object");
    }
    int found = json.path("format_version").asInt(-1);
    if (found != version) {
      throw new IOException(file + " has format_version " + json.path("format_version")
          + "; this Corral reads version " + version);
    }
    return json;
  }
}
