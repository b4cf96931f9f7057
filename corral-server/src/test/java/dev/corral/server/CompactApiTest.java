package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactApiTest {
  @TempDir Path dir;

  private static String events(String day, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(day).append("T10:00:").append(String.format("%02d", i % 60))
          .append("Z\",\"level\":\"info\",\"service\":\"checkout\",\"message\":\"order ").append(i)
          .append(" placed\",\"trace_id\":\"t").append(i).append("\"}\n");
    }
    return ndjson.toString();
  }

  @Test
  void compactsADayToWarmAndEveryEventStaysSearchable() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      assertThat(server.ingest(events("2026-11-19", 300)).status()).isEqualTo(200);
      assertThat(server.ingest(events("2026-11-20", 200)).status()).isEqualTo(200);
      server.awaitTotal("*", 500);

      TestServer.Reply reply = server.post("/api/v1/admin/compact?day=2026-11-19", new byte[0]);

      assertThat(reply.status()).isEqualTo(200);
      JsonNode compacted = reply.json().get("compacted");
      assertThat(compacted).hasSize(1);
      assertThat(compacted.get(0).get("day").asText()).isEqualTo("2026-11-19");
      assertThat(compacted.get(0).get("events").asLong()).isEqualTo(300);
      assertThat(compacted.get(0).get("tier").asText()).isEqualTo("warm");
      assertThat(compacted.get(0).get("bytes_after").asLong()).isPositive();
      assertThat(compacted.get(0).get("joined").asBoolean()).as("nothing else was compacting it").isFalse();
      assertThat(server.search("trace_id:t7").get("total").asLong()).isEqualTo(2);
      JsonNode partitions = server.get("/api/v1/stats").json().get("partitions");
      assertThat(partitions).extracting(p -> p.get("day").asText() + "=" + p.get("tier").asText())
          .containsExactlyInAnyOrder("2026-11-19=warm", "2026-11-20=hot");

      TestServer.Reply all = server.post("/api/v1/admin/compact", new byte[0]);
      assertThat(all.json().get("compacted")).extracting(p -> p.get("day").asText())
          .containsExactly("2026-11-19", "2026-11-20");
      assertThat(server.ingest(events("2026-11-20", 10)).status()).as("late events of a warm day").isEqualTo(200);
      server.awaitTotal("*", 510);
    }
  }

  /**
   * Finding 6 of issue 12: a second request for a day being compacted joins that compaction instead
   * of queueing the same work again. At 1 KiB/s the merge of a day of 300 events writes for minutes,
   * so it is still running when the next requests arrive (the throttle guarantees the order); the
   * server closing aborts it, and the store redoes it when it opens again.
   */
  @Test
  void aSecondRequestForADayBeingCompactedJoinsIt() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("store.compaction_max_bytes_per_sec", "1KiB"))) {
      assertThat(server.ingest(events("2026-11-19", 300)).status()).isEqualTo(200);
      assertThat(server.ingest(events("2026-11-20", 200)).status()).isEqualTo(200);
      server.awaitTotal("*", 500);

      TestServer.Reply first = server.post("/api/v1/admin/compact?day=2026-11-19&wait=false", new byte[0]);
      TestServer.Reply second = server.post("/api/v1/admin/compact?day=2026-11-19&wait=false", new byte[0]);
      TestServer.Reply all = server.post("/api/v1/admin/compact?wait=false", new byte[0]);

      assertThat(first.status()).isEqualTo(202);
      assertThat(first.json().get("compacting").get(0).get("joined").asBoolean()).isFalse();
      assertThat(second.status()).isEqualTo(202);
      assertThat(second.json().get("compacting").get(0).get("joined").asBoolean()).as("joins the running one").isTrue();
      assertThat(all.json().get("compacting")).extracting(p -> p.get("day").asText() + " joined=" + p.get("joined"))
          .containsExactly("2026-11-19 joined=true", "2026-11-20 joined=false");
      assertThat(server.search("trace_id:t7").get("total").asLong()).as("searchable while compacting").isEqualTo(2);
      assertThat(server.post("/api/v1/admin/compact?day=2026-11-19&wait=maybe", new byte[0]).status()).isEqualTo(400);
    }
    try (TestServer restarted = TestServer.start(dir)) {
      TestServer.Reply redone = restarted.post("/api/v1/admin/compact?day=2026-11-19", new byte[0]);
      assertThat(redone.status()).isEqualTo(200);
      assertThat(redone.json().get("compacted").get(0).get("tier").asText()).isEqualTo("warm");
      assertThat(redone.json().get("compacted").get(0).get("events").asLong()).isEqualTo(300);
      restarted.awaitTotal("*", 500);
    }
  }

  @Test
  void refusesAMalformedOrUnknownDay() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      TestServer.Reply malformed = server.post("/api/v1/admin/compact?day=yesterday", "".getBytes(StandardCharsets.UTF_8));
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.body()).contains("2026-11-21");
      assertThat(server.post("/api/v1/admin/compact?day=2001-01-01", new byte[0]).status()).isEqualTo(404);
      assertThat(server.get("/api/v1/admin/compact").status()).isEqualTo(405);
    }
  }
}
