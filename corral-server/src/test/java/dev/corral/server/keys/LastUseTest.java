package dev.corral.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import dev.corral.server.auth.Access;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's last use: shown by the admin API right after the request (from memory), written to
 * {@code keys.json} by the keys service — by its timer or when it stops — and never by the request.
 */
class LastUseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path data;

  @Test
  void theAdminListShowsALastUseAtOnceAndTheFileGetsItWhenTheServerStops() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String admin = keys.create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    String reader = keys.create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    String readerId = reader.substring(0, reader.indexOf(':'));
    byte[] beforeUse = Files.readAllBytes(keys.path());
    String listed;
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(server.send("GET", "/api/v1/search?q=*", null, "Authorization", "Bearer " + reader).status())
          .isEqualTo(200);
      JsonNode list = server.send("GET", KeysService.PATH, null, "Authorization", "Bearer " + admin).json();
      listed = lastUsed(list, readerId);
      assertThat(listed).as("from memory, right after the use").isNotNull();
      assertThat(Files.readAllBytes(keys.path())).as("the requests wrote nothing").isEqualTo(beforeUse);
    }
    assertThat(lastUsed(JSON.readTree(keys.path().toFile()), readerId)).as("written when the server stopped")
        .isEqualTo(listed);
  }

  @Test
  void theTimerWritesLastUsesWithoutAnyRequestWaitingForIt() throws Exception {
    String reader = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("reader", Scope.READ, List.of(), null, null))
        .key();
    String readerId = reader.substring(0, reader.indexOf(':'));
    Path file = data.resolve("auth").resolve(ApiKeys.FILE);
    try (KeysService service = new KeysService(data, true, KeyLimits.NONE, Duration.ofMillis(50))) {
      service.start();
      service.accessControl().admit(Access.READ, "Bearer " + reader);
      Await.until("the timer to write the last use", () -> lastUsedInFile(file, readerId) != null);
    }
  }

  private static String lastUsedInFile(Path file, String id) {
    try {
      return lastUsed(JSON.readTree(file.toFile()), id);
    } catch (IOException e) {
      return null; // replaced while read: look again
    }
  }

  private static String lastUsed(JsonNode keys, String id) {
    for (JsonNode key : keys.path("keys")) {
      if (key.path("id").asText().equals(id)) {
        return key.path("last_used").isNull() ? null : key.path("last_used").asText();
      }
    }
    throw new AssertionError("no key " + id + " in " + keys);
  }
}
