package dev.corral.server.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users file, {@code <data.dir>/auth/users.json}: every local user's {@link UserInfo} and the
 * Argon2id hash of their password ({@link SecretHash}), never the password. Written like the key
 * file: whole, atomically ({@link CredentialFile}). Version {@value CredentialFile#VERSION}. Not
 * thread-safe: {@link LocalUsers} serializes its use.
 */
final class UserFile {
  /** A user as stored: what is known of them and the hash of their password. */
  record Entry(UserInfo info, String hash) {}

  private final CredentialFile file;

  UserFile(Path file) {
    this.file = new CredentialFile(file, "user", "users", "name");
  }

  Path path() {
    return file.path();
  }

  /** The stored users in the order they were added; none when the file does not exist. */
  List<Entry> read() throws IOException {
    return file.read(user -> new Entry(new UserInfo(user.path("name").asText(), Role.named(user.path("role").asText()),
        CredentialFile.strings(user, "services"), Instant.parse(user.path("created").asText()),
        Instant.parse(user.path("password_changed").asText())), user.path("hash").asText()));
  }

  /** Replaces the file with {@code entries}, atomically. */
  void write(List<Entry> entries) throws IOException {
    List<Map<String, Object>> users = new ArrayList<>();
    for (Entry entry : entries) {
      Map<String, Object> user = new LinkedHashMap<>(entry.info().toJson());
      user.put("hash", entry.hash());
      users.add(user);
    }
    file.write(users);
  }
}
