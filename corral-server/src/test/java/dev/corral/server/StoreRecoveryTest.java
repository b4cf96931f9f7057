package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that stops taking writes makes the server degraded: {@code /ready} answers 503 with the
 * reason, {@code /health} stays 200 and says "degraded", ingest answers 503. Once the cause is gone
 * the store recovers by itself (roll back, replay the WAL): every acknowledged event is found
 * exactly once, then and after a restart. The cause here is a file where a day's partition
 * directory must go, which fails indexing the way a full disk or file table does.
 */
class StoreRecoveryTest {
  private static final String BLOCKED_DAY = "2001-02-03";

  @TempDir
  Path data;

  @Test
  void aStoppedStoreIsDegradedThenRecoversByItselfOnceTheCauseIsGone() throws Exception {
    Path blocker = data.resolve("partitions").resolve(BLOCKED_DAY);
    Files.createDirectories(blocker.getParent());
    Files.writeString(blocker, "not a partition directory");
    try (TestServer server = TestServer.start(data, Map.of("store.recovery_interval", "100ms"))) {
      assertThat(server.ingest("{\"service\":\"before\",\"message\":\"indexed normally\"}\n").status()).isEqualTo(200);
      server.awaitTotal("service:before", 1);
      TestServer.Reply acknowledged = server.ingest("{\"timestamp\":\"" + BLOCKED_DAY
          + "T10:00:00Z\",\"service\":\"blocked\",\"message\":\"its partition cannot be created\"}\n");
      assertThat(acknowledged.status()).isEqualTo(200);

      TestServer.Reply ready = awaitStatus(server, "/ready", 503);
      assertThat(ready.json().path("ready").asBoolean()).isFalse();
      assertThat(ready.json().path("phase").asText()).isEqualTo("degraded");
      assertThat(ready.json().path("reason").asText()).contains("store");
      TestServer.Reply health = server.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("degraded");
      assertThat(health.json().path("reason").asText()).isNotBlank();
      String dataPath = data.toRealPath().toString();
      assertThat(ready.json().path("reason").asText()).contains("<data.dir>").doesNotContain(dataPath);
      assertThat(health.json().path("reason").asText()).doesNotContain(dataPath);
      assertThat(server.get("/api/v1/stats").json().path("store").path("stopped").asText()).doesNotContain(dataPath);
      TestServer.Reply refused = server.ingest("{\"service\":\"refused\",\"message\":\"while stopped\"}\n");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body()).doesNotContain(dataPath);
      server.search("service:before"); // queries keep working (it fails on any answer but 200); they show the last commits

      Files.delete(blocker);
      awaitStatus(server, "/ready", 200);
      assertThat(server.get("/health").json().path("status").asText()).isEqualTo("ok");
      server.awaitTotal("service:blocked", 1);
      assertThat(server.ingest("{\"service\":\"after\",\"message\":\"taken again\"}\n").status()).isEqualTo(200);
      server.awaitTotal("service:after", 1);
      assertThat(server.search("service:before").path("total").asLong()).isEqualTo(1);
      assertThat(server.search("service:refused").path("total").asLong()).isZero();
    }
    try (TestServer restarted = TestServer.start(data)) {
      for (String service : new String[] {"before", "blocked", "after"}) {
        JsonNode found = restarted.search("service:" + service);
        assertThat(found.path("total").asLong()).as(service).isEqualTo(1);
      }
    }
  }

  /** Polls {@code path} until it answers {@code status}; about 20 s at most, which only a loaded machine needs. */
  private static TestServer.Reply awaitStatus(TestServer server, String path, int status) throws InterruptedException {
    TestServer.Reply reply = null;
    for (int attempt = 0; attempt < 400; attempt++) {
      reply = server.get(path);
      if (reply.status() == status) {
        return reply;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(path + " never answered " + status + "; last answer " + reply.status() + " " + reply.body());
  }
}
