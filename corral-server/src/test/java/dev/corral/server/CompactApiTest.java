package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
