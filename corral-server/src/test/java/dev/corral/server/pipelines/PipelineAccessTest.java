package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline definitions are admin writes: a read key lists them and cannot change them, on both APIs. */
class PipelineAccessTest {
  @TempDir
  Path data;

  @Test
  void aReadKeyReadsButCannotPutDeleteOrSimulate() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String read = "Bearer " + keys.create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    String ingest = "Bearer " + keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key();
    String admin = "Bearer " + keys.create(new KeySpec("admin", Scope.ADMIN, List.of(), null, null)).key();
    String definition = "id: p\nprocessors:\n  - set: {field: a, value: b}\n";
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(server.send("PUT", "/api/v1/pipelines/p", definition, "Authorization", read).status()).isEqualTo(403);
      assertThat(server.send("PUT", "/_ingest/pipeline/p", "{\"processors\":[]}", "Authorization", read,
          "Content-Type", "application/json").status()).isEqualTo(403);
      assertThat(server.send("PUT", "/_ingest/pipeline/p", "{\"processors\":[]}", "Authorization", ingest,
          "Content-Type", "application/json").status()).isEqualTo(403);
      assertThat(Files.exists(data.resolve("pipelines"))).isFalse();
      assertThat(server.send("PUT", "/api/v1/pipelines/p", definition, "Authorization", admin).status()).isEqualTo(200);
      assertThat(server.send("GET", "/api/v1/pipelines/p", null, "Authorization", read).status()).isEqualTo(200);
      assertThat(server.send("GET", "/_ingest/pipeline/p", null, "Authorization", read).status()).isEqualTo(200);
      assertThat(server.send("DELETE", "/api/v1/pipelines/p", null, "Authorization", read).status()).isEqualTo(403);
      assertThat(server.send("POST", "/_ingest/pipeline/p/_simulate", "{\"docs\":[]}", "Authorization", ingest,
          "Content-Type", "application/json").status()).isEqualTo(403);
      assertThat(server.send("GET", "/api/v1/pipelines/p", null, "Authorization", admin).json().path("id").asText())
          .isEqualTo("p");
    }
  }
}
