package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The manifest of one snapshot of the server's own state in the archive, {@code
 * state/<id>/manifest.json} (docs/operations.md, "Disaster recovery"), written after every file of
 * the snapshot: {@code {"format_version":1,"id","created_at","corral_version","files":[{"path",
 * "bytes","sha256"}]}}, {@code path} relative to the data directory ({@code auth/keys.json}, {@code
 * dashboards/x.json}). A reader refuses another version, naming it (a golden file of version 1 is
 * kept as a test resource).
 *
 * @param id the snapshot's id, its creation time as {@code yyyyMMdd'T'HHmmssSSS'Z'}: ids sort by time
 * @param files the state files, by path
 */
record StateSnapshotManifest(String id, Instant createdAt, String corralVersion, List<StateFile> files) {
  static final int FORMAT_VERSION = 1;
  static final String NAME = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  StateSnapshotManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(corralVersion, "corralVersion");
    files = List.copyOf(files);
  }

  /**
   * One state file.
   *
   * @param path relative to the data directory, {@code /}-separated, never {@code ..}
   */
  record StateFile(String path, long bytes, String sha256) {
    StateFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
      if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
        throw new IllegalArgumentException("state file path '" + path + "' is not relative to the data directory");
      }
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("state file " + path + " has sha256 '" + sha256 + "'");
      }
    }
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION).put("id", id).put("created_at", createdAt.toString())
        .put("corral_version", corralVersion);
    ArrayNode array = root.putArray("files");
    for (StateFile file : files) {
      array.addObject().put("path", file.path()).put("bytes", file.bytes()).put("sha256", file.sha256());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: a manifest tree is not serializable: " + e, e);
    }
  }

  /**
   * @param source where it was read, for messages
   * @throws IOException naming {@code source} when it is not JSON, not version {@value #FORMAT_VERSION} or malformed
   */
  static StateSnapshotManifest parse(byte[] json, String source) throws IOException {
    JsonNode root = VersionedJson.read(json, source, FORMAT_VERSION);
    try {
      List<StateFile> files = new ArrayList<>();
      for (JsonNode file : root.path("files")) {
        files.add(new StateFile(file.path("path").asText(), file.path("bytes").asLong(-1), file.path("sha256").asText()));
      }
      return new StateSnapshotManifest(root.path("id").asText(), Instant.parse(root.path("created_at").asText()),
          root.path("corral_version").asText(), files);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }
}
