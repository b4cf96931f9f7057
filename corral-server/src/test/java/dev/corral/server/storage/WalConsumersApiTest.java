package dev.corral.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL's named consumers as operators see them: each one's lag in {@code /api/v1/stats} and in
 * {@code /metrics}, and segments deleted by the WAL itself once the indexer has committed past them.
 */
class WalConsumersApiTest {
  /** Only a guard against a hung test; every wait ends as soon as the state is reached. */
  private static final int MAX_POLLS = 600;

  @TempDir Path data;

  @Test
  void statsAndMetricsReportEachNamedConsumersLag() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("store.commit_interval", "100ms"))) {
      assertThat(server.ingest("{\"message\":\"one\"}\n{\"message\":\"two\"}\n").status()).isEqualTo(200);
      assertThat(server.ingest("{\"message\":\"three\"}\n").status()).isEqualTo(200);
      server.awaitTotal("", 3);
      JsonNode wal = awaitWal(server, w -> consumer(w, "indexer").path("lag_records").asLong() == 0);

      assertThat(wal.path("consumers")).extracting(c -> c.path("name").asText() + ":" + c.path("kind").asText())
          .containsExactly("ingest-rate:live", "tail:live", "indexer:essential", "alerts-match:live");
      JsonNode indexer = consumer(wal, "indexer");
      assertThat(indexer.path("cursor").asLong()).isEqualTo(wal.path("end_position").asLong())
          .isEqualTo(wal.path("checkpoint").asLong());
      assertThat(indexer.path("lag_bytes").asLong()).isZero();
      assertThat(wal.path("retention").path("max_bytes").asLong()).isEqualTo(4L << 30);
      assertThat(wal.path("retention").path("max_age_seconds").asLong()).isEqualTo(24 * 3600);

      Map<String, String> metrics = samples(server.get("/metrics").body());
      assertThat(metrics).containsEntry("corral_wal_consumer_lag_records{consumer=\"indexer\"}", "0.0")
          .containsEntry("corral_wal_consumer_lag_bytes{consumer=\"indexer\"}", "0.0")
          .containsEntry("corral_wal_consumer_lag_records{consumer=\"tail\"}", "0.0")
          .containsKey("corral_wal_consumer_lag_bytes{consumer=\"ingest-rate\"}");
    }
  }

  @Test
  void theWalDeletesSegmentsOnceTheIndexerHasCommittedPastThem() throws Exception {
    Map<String, String> settings = Map.of("store.commit_interval", "100ms", "wal.segment_bytes", "1MiB");
    try (TestServer server = TestServer.start(data, settings)) {
      String message = "x".repeat(1000);
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        batch.append("{\"message\":\"").append(message).append("\"}\n");
      }
      for (int request = 0; request < 4; request++) {
        assertThat(server.ingest(batch.toString()).status()).isEqualTo(200);
      }
      server.awaitTotal("", 1600);
      JsonNode wal = awaitWal(server, w -> w.path("segments").asInt() == 1);
      assertThat(wal.path("start_position").asLong()).as("the sealed segments are gone").isPositive();
      assertThat(wal.path("checkpoint").asLong()).isGreaterThanOrEqualTo(wal.path("start_position").asLong());
    }
  }

  private static JsonNode consumer(JsonNode wal, String name) {
    for (JsonNode consumer : wal.path("consumers")) {
      if (consumer.path("name").asText().equals(name)) {
        return consumer;
      }
    }
    throw new AssertionError("no WAL consumer " + name + " in " + wal);
  }

  private static JsonNode awaitWal(TestServer server, Predicate<JsonNode> reached) throws InterruptedException {
    JsonNode wal = null;
    for (int poll = 0; poll < MAX_POLLS; poll++) {
      wal = server.get("/api/v1/stats").json().path("wal");
      if (reached.test(wal)) {
        return wal;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the WAL never reached the expected state; last " + wal);
  }

  private static Map<String, String> samples(String text) {
    Map<String, String> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith("#") && space > 0) {
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }
}
