package dev.corral.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/auth/whoami}: any valid key learns its own id, name, scope, restriction and expiry. */
class WhoAmITest {
  @TempDir
  Path data;

  @Test
  void everyKeyLearnsWhoItIsAndNothingMore() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String payments = keys.create(new KeySpec("payments team", Scope.READ, List.of("payment-*"), null, expires)).key();
    String shipper = keys.create(new KeySpec("filebeat", Scope.INGEST, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      JsonNode restricted = whoami(server, payments);
      assertThat(restricted.path("access_control").asText()).isEqualTo("keys");
      assertThat(restricted.path("key_id").asText()).isEqualTo(payments.substring(0, payments.indexOf(':')));
      assertThat(restricted.path("name").asText()).isEqualTo("payments team");
      assertThat(restricted.path("scope").asText()).isEqualTo("read");
      assertThat(restricted.path("read_restriction").asText()).isEqualTo("service:payment-*");
      assertThat(restricted.path("expires").asText()).isEqualTo(expires.toString());
      assertThat(restricted.toString()).doesNotContain(payments.substring(payments.indexOf(':') + 1));

      JsonNode ingest = whoami(server, shipper);
      assertThat(ingest.path("scope").asText()).as("the lowest scope may ask too").isEqualTo("ingest");
      assertThat(ingest.path("read_restriction").isNull()).isTrue();
      assertThat(ingest.path("expires").isNull()).isTrue();
      assertThat(server.get(KeysService.WHOAMI_PATH).status()).isEqualTo(401);
    }
  }

  @Test
  void withoutAccessControlItNamesTheLocalOperator() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      JsonNode local = server.get(KeysService.WHOAMI_PATH).json();
      assertThat(local.path("access_control").asText()).isEqualTo("off");
      assertThat(local.path("key_id").asText()).isEqualTo("local");
      assertThat(local.path("scope").asText()).isEqualTo("admin");
    }
  }

  private static JsonNode whoami(TestServer server, String key) {
    TestServer.Reply reply = server.send("GET", KeysService.WHOAMI_PATH, null, "Authorization", "Bearer " + key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
