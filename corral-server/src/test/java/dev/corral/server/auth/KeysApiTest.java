package dev.corral.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API of keys and every credential form, against a real server with {@code auth.mode: keys}. */
class KeysApiTest {
  @TempDir
  Path data;

  @Test
  void anAdminCreatesListsAndRevokesKeysAndEachFormOfTheKeyIsAccepted() throws Exception {
    String admin = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      TestServer.Reply created = server.send("POST", "/api/v1/admin/keys",
          "{\"name\": \"payments team\", \"scope\": \"read\", \"services\": [\"payment-*\"], \"expires\": \"90d\"}",
          "Authorization", "ApiKey " + admin, "Content-Type", "application/json");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String key = created.json().path("key").asText();
      String id = created.json().path("id").asText();
      assertThat(key).startsWith(id + ":");
      assertThat(created.json().path("read_filter").asText()).isEqualTo("service:payment-*");
      assertThat(created.json().path("expires").asText()).isNotEmpty();

      JsonNode listed = server.send("GET", "/api/v1/admin/keys", null, "Authorization", "Bearer " + admin).json();
      assertThat(listed.path("keys")).hasSize(2);
      String listing = listed.toString();
      assertThat(listing).contains(id).doesNotContain(key.substring(id.length() + 1)).doesNotContain("argon2")
          .doesNotContain("hash");

      String secret = key.substring(id.length() + 1);
      String base64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
      for (String header : List.of("ApiKey " + base64, "ApiKey " + key, "Bearer " + key, "Basic " + base64)) {
        assertThat(server.send("GET", "/api/v1/search?q=*", null, "Authorization", header).status())
            .as(header.substring(0, header.indexOf(' '))).isEqualTo(200);
      }

      TestServer.Reply forbidden = server.send("GET", "/api/v1/admin/keys", null, "Authorization", "Bearer " + key);
      assertThat(forbidden.status()).isEqualTo(403);
      assertThat(forbidden.json().path("error").asText()).isEqualTo("API key " + id + " has scope read; this needs scope admin");
      assertThat(forbidden.json().path("required_scope").asText()).isEqualTo("admin");
      assertThat(server.send("POST", "/api/v1/ingest", "{}\n", "Authorization", "Bearer " + key).status())
          .as("a read key trying ingest").isEqualTo(403);

      assertThat(server.send("DELETE", "/api/v1/admin/keys/" + id, null, "Authorization", "Bearer " + admin).json()
          .path("state").asText()).isEqualTo("revoked");
      TestServer.Reply revoked = server.send("GET", "/api/v1/search?q=*", null, "Authorization", "Bearer " + key);
      assertThat(revoked.status()).isEqualTo(401);
      assertThat(revoked.json().path("error").asText()).contains("was revoked");
      assertThat(server.send("DELETE", "/api/v1/admin/keys/nosuchid", null, "Authorization", "Bearer " + admin).status())
          .isEqualTo(404);
      assertThat(secret).isNotEmpty();
    }
  }

  @Test
  void badKeyRequestsAndBadHeadersAreClearClientErrors() throws Exception {
    String admin = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      TestServer.Reply badScope = server.send("POST", "/api/v1/admin/keys", "{\"name\": \"x\", \"scope\": \"root\"}",
          "Authorization", "Bearer " + admin);
      assertThat(badScope.status()).isEqualTo(400);
      assertThat(badScope.json().path("error").asText()).contains("scope 'root' is not one of ingest, read, admin");
      assertThat(server.send("POST", "/api/v1/admin/keys", "not json", "Authorization", "Bearer " + admin).status())
          .isEqualTo(400);
      for (String filter : List.of("service:(payment", "*", "level:ERROR | stats count()")) {
        TestServer.Reply badFilter = server.send("POST", "/api/v1/admin/keys",
            "{\"name\": \"x\", \"scope\": \"read\", \"filter\": \"" + filter + "\"}", "Authorization", "Bearer " + admin);
        assertThat(badFilter.status()).as(filter).isEqualTo(400);
        assertThat(badFilter.json().path("error").asText()).as(filter).contains("read filter", filter);
      }
      TestServer.Reply oversized = server.send("GET", "/api/v1/search?q=*", null, "Authorization",
          "ApiKey " + "A".repeat(KeyCredentials.MAX_HEADER_CHARS * 4));
      assertThat(oversized.status()).isEqualTo(401);
      assertThat(oversized.json().path("error").asText()).contains("more than the 1024 allowed");
      for (String header : List.of("Basic !!!", "Bearer nocolon", "Negotiate abc", "ApiKey " + "\u00e9".repeat(10))) {
        TestServer.Reply malformed = server.send("GET", "/api/v1/search?q=*", null, "Authorization", header);
        assertThat(malformed.status()).as(header).isEqualTo(401);
        assertThat(malformed.json().path("status").asInt()).isEqualTo(401);
      }
    }
  }
}
