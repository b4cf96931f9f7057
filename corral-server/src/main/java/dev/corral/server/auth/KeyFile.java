package dev.corral.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key file, {@code <data.dir>/auth/keys.json}: every key's {@link KeyInfo} and the Argon2id
 * hash of its secret ({@link SecretHash}), never the secret. Written whole, atomically ({@link
 * CredentialFile}). Version {@value CredentialFile#VERSION}. Not thread-safe: {@link ApiKeys}
 * serializes its use.
 *
 * <p>A key's {@code events_per_second} and {@code queries_per_minute} were added within version 1:
 * a file written before them has neither, read as {@link KeyLimits#NONE} (the server's defaults).
 */
final class KeyFile {
  /** A key as stored: what is known of it and the hash of its secret. */
  record Entry(KeyInfo info, String hash) {}

  private final CredentialFile file;

  KeyFile(Path file) {
    this.file = new CredentialFile(file, "key", "keys", "id");
  }

  Path path() {
    return file.path();
  }

  /** The stored keys in creation order; none when the file does not exist. */
  List<Entry> read() throws IOException {
    return file.read(key -> new Entry(new KeyInfo(key.path("id").asText(), key.path("name").asText(),
        Scope.valueOf(key.path("scope").asText().toUpperCase(Locale.ROOT)), CredentialFile.strings(key, "services"),
        text(key, "read_filter"), Instant.parse(key.path("created").asText()), instant(key, "expires"),
        instant(key, "revoked"), instant(key, "last_used"), new KeyLimits(key.path("events_per_second").asLong(0),
        key.path("queries_per_minute").asLong(0))), key.path("hash").asText()));
  }

  /** Replaces the file with {@code entries}, atomically. */
  void write(List<Entry> entries) throws IOException {
    List<Map<String, Object>> keys = new ArrayList<>();
    Instant now = Instant.now();
    for (Entry entry : entries) {
      Map<String, Object> key = new LinkedHashMap<>(entry.info().toJson(now));
      key.remove("state");
      key.put("hash", entry.hash());
      keys.add(key);
    }
    file.write(keys);
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
