package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the archive's small JSON files that carry a {@code format_version} ({@code state.json}, {@code pins.json}). */
final class VersionedJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VersionedJson() {}

  /**
   * The root of {@code file}, or null when there is no such file.
   *
   * @throws IOException naming the file when it is not JSON or its {@code format_version} is not {@code version}
   */
  static JsonNode read(Path file, int version) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || root.path("format_version").asInt(-1) != version) {
      throw new IOException(file + " has format_version " + (root == null ? "none" : root.path("format_version"))
          + "; this server reads " + version);
    }
    return root;
  }
}
