package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With less free disk than storage.min_free_bytes, ingest answers 507 and says why; queries keep working. */
class DiskNearlyFullTest {
  @TempDir
  Path data;

  @Test
  void ingestIsRefusedWith507WhileQueriesKeepWorking() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      server.ingest("{\"service\":\"before\",\"message\":\"stored while there was room\"}\n");
      server.awaitTotal("service:before", 1);
    }
    try (TestServer server = TestServer.start(data, Map.of("storage.min_free_bytes", "1024TiB"))) {
      TestServer.Reply reply = server.ingest("{\"service\":\"after\",\"message\":\"no room\"}\n");
      assertThat(reply.status()).isEqualTo(507);
      assertThat(reply.json().path("error").asText()).contains("disk nearly full").contains("storage.min_free_bytes");
      assertThat(reply.header("Retry-After")).isNotNull();
      assertThat(server.search("service:before").path("total").asLong()).isEqualTo(1);
      assertThat(server.get("/ready").status()).isEqualTo(200);
    }
  }
}
