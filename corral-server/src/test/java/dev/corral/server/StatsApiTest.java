package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/stats}: what the status page shows, next to the fields operators already read. */
class StatsApiTest {
  @TempDir
  Path data;

  @Test
  void statusReportsIngestWalDiskDeadLettersAndTails() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      JsonNode empty = server.get("/api/v1/stats").json();
      assertThat(empty.path("ingest").path("events_total").asLong()).isZero();
      assertThat(empty.path("dead_letters").asLong()).isZero();

      assertThat(server.ingest("""
          {"level":"INFO","service":"checkout","message":"one"}
          {"level":"WARN","service":"checkout","message":"two"}
          not json at all
          {"level":"ERROR","service":"billing","message":"three"}
          """).status()).isEqualTo(200);
      server.awaitTotal("", 4);
      JsonNode stats = server.get("/api/v1/stats").json();

      assertThat(stats.path("version").asText()).isNotBlank();
      assertThat(stats.path("uptime_seconds").isIntegralNumber()).isTrue();
      assertThat(stats.path("uptime_seconds").asLong()).isNotNegative();
      JsonNode ingest = stats.path("ingest");
      assertThat(ingest.path("events_total").asLong()).as("three events and one dead letter").isEqualTo(4);
      assertThat(ingest.path("events_per_second").path("last_10s").asDouble()).isPositive();
      assertThat(ingest.path("events_per_second").path("last_1m").asDouble()).isPositive();
      assertThat(stats.path("dead_letters").asLong()).isEqualTo(1);

      JsonNode wal = stats.path("wal");
      assertThat(wal.path("lag_bytes").asLong())
          .isEqualTo(wal.path("end_position").asLong() - wal.path("checkpoint").asLong()).isNotNegative();
    }
  }

  @Test
  void diskAndEarlierFieldsArePresent() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      server.ingest("{\"message\":\"hello\"}");
      server.awaitTotal("", 1);
      JsonNode stats = server.get("/api/v1/stats").json();
      JsonNode disk = stats.path("disk");
      assertThat(disk.path("data_bytes").asLong()).isPositive();
      assertThat(disk.path("total_bytes").asLong()).isGreaterThanOrEqualTo(disk.path("free_bytes").asLong());
      assertThat(disk.path("free_bytes").asLong()).isPositive();
      assertThat(stats.path("tail").path("subscribers").asInt()).isZero();
      assertThat(stats.path("tail").path("dropped_events").asLong()).isZero();
      for (String field : new String[] {"segments", "bytes_on_disk", "appends", "group_commits", "start_position",
          "end_position", "checkpoint"}) {
        assertThat(stats.path("wal").has(field)).as("wal.%s", field).isTrue();
      }
      assertThat(stats.has("pending_events")).isTrue();
      assertThat(stats.path("store").path("open_writers").asInt()).as("today's writer").isEqualTo(1);
      assertThat(stats.path("store").path("open_readers").asInt()).isZero();
      assertThat(stats.path("store").path("stopped").isNull()).isTrue();
      assertThat(stats.path("partitions")).hasSize(1);
      assertThat(stats.path("partitions").get(0).path("events").asLong()).isEqualTo(1);
      assertThat(stats.path("inputs").isObject()).isTrue();
      JsonNode jvm = stats.path("jvm");
      assertThat(jvm.path("heap_used_bytes").asLong()).isPositive()
          .isLessThanOrEqualTo(jvm.path("heap_committed_bytes").asLong());
      assertThat(jvm.path("heap_max_bytes").asLong()).isGreaterThanOrEqualTo(jvm.path("heap_committed_bytes").asLong());
      assertThat(jvm.path("heap_live_after_gc_bytes").asLong()).isNotNegative();
    }
  }

  @Test
  void everyServiceContributesItsEntriesUnderTheNamesClientsRead() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      JsonNode stats = server.get("/api/v1/stats").json();
      List<String> names = new ArrayList<>();
      stats.fieldNames().forEachRemaining(names::add);
      assertThat(names).startsWith("version", "uptime_seconds").contains("ingest", "wal", "pending_events",
          "pending_events_high_water", "store", "partitions", "disk", "dead_letters", "tail", "queries", "inputs",
          "jvm");
      assertThat(stats.path("queries").path("normal").path("running").asInt()).isZero();
      assertThat(stats.path("queries").path("expensive").path("queued").asInt()).isZero();
    }
  }
}
