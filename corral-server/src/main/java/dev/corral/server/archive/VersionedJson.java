package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the archive's versioned JSON documents (manifests, {@code state.json}, {@code pins.json}):
 * an object whose {@code format_version} this server reads.
 */
final class VersionedJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VersionedJson() {}

  /**
   * @param source where it was read (file or object URL), for messages
   * @throws IOException naming {@code source} when it is not a JSON object or its {@code format_version} is not {@code version}
   */
  static JsonNode read(byte[] json, String source, int version) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IOException(source + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(source + " is not a JSON object");
    }
    if (root.path("format_version").asInt(-1) != version) {
      throw new IOException(source + " has format_version " + root.path("format_version") + "; this server reads "
          + version);
    }
    return root;
  }

  /**
   * The root of {@code file}, or null when there is no such file.
   *
   * @throws IOException naming the file when it is not a JSON object or its {@code format_version} is not {@code version}
   */
  static JsonNode read(Path file, int version) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    return read(Files.readAllBytes(file), file.toString(), version);
  }
}
