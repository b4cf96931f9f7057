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
import java.util.Map;

/**
 * The users file, {@code <data.dir>/auth/users.json}: every local user's {@link UserInfo} and the
 * Argon2id hash of their password ({@link SecretHash}), never the password. Written like the key
 * file: whole, to a temporary file (mode 0600), fsync'd and renamed over the old one. Version
 * {@value #VERSION}. Not thread-safe: {@link LocalUsers} serializes its use.
 */
final class UserFile {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A user as stored: what is known of them and the hash of their password. */
  record Entry(UserInfo info, String hash) {}

  private final Path file;

  UserFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** The stored users in the order they were added; none when the file does not exist. */
  List<Entry> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("version").asInt() != VERSION) {
      throw new IOException(file + ": users file version " + root.path("version") + ", this server reads " + VERSION);
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode user : root.path("users")) {
      List<String> services = new ArrayList<>();
      user.path("services").forEach(s -> services.add(s.asText()));
      try {
        entries.add(new Entry(new UserInfo(user.path("name").asText(), Role.named(user.path("role").asText()), services,
            Instant.parse(user.path("created").asText()), Instant.parse(user.path("password_changed").asText())),
            user.path("hash").asText()));
      } catch (RuntimeException e) {
        throw new IOException(file + ": user " + user.path("name").asText("?") + " cannot be read: " + e.getMessage(), e);
      }
    }
    return entries;
  }

  /** Replaces the file with {@code entries}, atomically. */
  void write(List<Entry> entries) throws IOException {
    Files.createDirectories(file.getParent());
    List<Map<String, Object>> users = new ArrayList<>();
    for (Entry entry : entries) {
      Map<String, Object> user = new LinkedHashMap<>(entry.info().toJson());
      user.put("hash", entry.hash());
      users.add(user);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    root.put("users", users);
    DurableFile.replaceOwnerOnly(file, JSON.writeValueAsBytes(root));
  }
}
