package dev.corral.server.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code POST /api/v1/admin/delete} against a real server: what it deletes, what it refuses, what it records. */
class ErasureApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String WARM_DAY = "2026-11-18";
  static final String HOT_DAY = "2026-11-19";

  @TempDir Path data;

  /** {@code count} events of {@code day}: user alice on every third, bob on the others. */
  static String events(String day, int count) {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ndjson.append("{\"timestamp\":\"").append(day).append("T10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
          .append("Z\",\"service\":\"shop\",\"user\":\"").append(i % 3 == 0 ? "alice" : "bob")
          .append("\",\"message\":\"order ").append(i).append("\"}\n");
    }
    return ndjson.toString();
  }

  static String erasure(String query, String from, String to) {
    return "{\"query\": " + JSON.valueToTree(query) + ", \"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
  }

  @Test
  void erasureRemovesExactlyTheMatchingEventsOfHotAndWarmDaysAndReportsThemPerDay() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.ingest(events(WARM_DAY, 90) + events(HOT_DAY, 30)).status()).isEqualTo(200);
      server.awaitTotal("*", 120);
      assertThat(server.post("/api/v1/admin/compact?day=" + WARM_DAY, new byte[0]).status()).isEqualTo(200);

      TestServer.Reply reply = server.send("POST", ErasureService.PATH, erasure("user:alice", "2026-11-01", "2026-11-30"));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode report = reply.json();
      assertThat(report.path("outcome").asText()).isEqualTo("completed");
      assertThat(report.path("events").asLong()).isEqualTo(40);
      assertThat(report.path("days")).hasSize(2);
      assertThat(report.path("days").get(0).path("day").asText()).isEqualTo(WARM_DAY);
      assertThat(report.path("days").get(0).path("events").asLong()).isEqualTo(30);
      assertThat(report.path("days").get(0).path("archive").asText()).isEqualTo("not archived");
      assertThat(report.path("days").get(1).path("events").asLong()).isEqualTo(10);
      assertThat(report.path("days").get(0).path("raw_backup").asText()).isEqualTo("not configured");

      assertThat(server.search("user:alice").path("total").asLong()).isZero();
      assertThat(server.search("user:bob").path("total").asLong()).as("the others stay").isEqualTo(80);

      TestServer.Reply again = server.send("POST", ErasureService.PATH, erasure("user:alice", "2026-11-01", "2026-11-30"));
      assertThat(again.json().path("events").asLong()).as("idempotent").isZero();
      JsonNode stats = server.get("/api/v1/stats").json().path("erasure");
      assertThat(stats.path("unfinished")).isEmpty();
      assertThat(stats.path("last").path("type").asText()).isEqualTo("finished");
      assertThat(stats.path("last").path("id").asText()).isEqualTo(again.json().path("id").asText());
    }
  }

  @Test
  void everyErasureIsAuditedWithWhoWhatAndPerDayCountsInAnAppendOnlyVersionedLog() throws Exception {
    String admin = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("dpo", Scope.ADMIN, List.of(), null, null))
        .key();
    String adminId = admin.substring(0, admin.indexOf(':'));
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(server.send("POST", "/api/v1/ingest", events(HOT_DAY, 9), "Authorization", "Bearer " + admin).status())
          .isEqualTo(200);
      assertThat(server.send("POST", ErasureService.PATH, erasure("user:alice", HOT_DAY, HOT_DAY), "Authorization",
          "Bearer " + admin).status()).isEqualTo(200);
      JsonNode log = server.send("GET", ErasureService.PATH, null, "Authorization", "Bearer " + admin).json().path("log");
      assertThat(log).extracting(line -> line.path("type").asText()).containsExactly("started", "day", "finished");
      JsonNode started = log.get(0);
      assertThat(started.path("format_version").asInt()).isEqualTo(1);
      assertThat(started.path("key_id").asText()).isEqualTo(adminId);
      assertThat(started.path("key_name").asText()).isEqualTo("dpo");
      assertThat(started.path("query").asText()).isEqualTo("user:alice");
      assertThat(started.path("days")).extracting(JsonNode::asText).containsExactly(HOT_DAY);
      assertThat(log.get(1).path("events").asLong()).isEqualTo(3);
      assertThat(log.get(2).path("outcome").asText()).isEqualTo("completed");
    }
    List<String> lines = Files.readAllLines(data.resolve("erasure/erasures.ndjson"));
    assertThat(lines).hasSize(3);
    assertThat(lines).allMatch(line -> line.contains("\"format_version\":1"));
  }

  @Test
  void aReadOrIngestKeyIsRefusedAndNothingIsDeleted() throws Exception {
    ApiKeys keys = ApiKeys.open(data, Clock.systemUTC());
    String admin = keys.create(new KeySpec("ops", Scope.ADMIN, List.of(), null, null)).key();
    String read = keys.create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    String ingest = keys.create(new KeySpec("shipper", Scope.INGEST, List.of(), null, null)).key();
    try (TestServer server = TestServer.start(data, Map.of("auth.mode", "keys"))) {
      assertThat(server.send("POST", "/api/v1/ingest", events(HOT_DAY, 9), "Authorization", "Bearer " + ingest).status())
          .isEqualTo(200);
      for (String key : List.of(read, ingest)) {
        assertThat(server.send("POST", ErasureService.PATH, erasure("user:alice", HOT_DAY, HOT_DAY), "Authorization",
            "Bearer " + key).status()).isEqualTo(403);
      }
      assertThat(server.send("POST", ErasureService.PATH, erasure("user:alice", HOT_DAY, HOT_DAY)).status())
          .as("no key").isEqualTo(401);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (server.send("GET", "/api/v1/search?q=user:alice", null, "Authorization", "Bearer " + admin).json()
          .path("total").asLong() != 3) {
        assertThat(System.nanoTime()).as("alice's 3 events are searchable: nothing was deleted").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
    assertThat(data.resolve("erasure/erasures.ndjson")).satisfiesAnyOf(path -> assertThat(path).doesNotExist(),
        path -> assertThat(path).isEmptyFile());
  }

  @Test
  void aFilterThatDoesNotParseIsA400WithTheCaretAndAMatchAllFilterNeedsConfirmAll() throws Exception {
    try (TestServer server = TestServer.start(data)) {
      server.ingest(events(HOT_DAY, 9));
      server.awaitTotal("*", 9);
      TestServer.Reply bad = server.send("POST", ErasureService.PATH, erasure("user:(alice", HOT_DAY, HOT_DAY));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().findValue("field").asText()).isEqualTo("query");
      int position = bad.json().findValue("position").asInt();
      assertThat(position).isBetween(5, 11);
      assertThat(bad.json().findValue("caret").asText()).isEqualTo("user:(alice\n" + " ".repeat(position) + "^");

      for (String everything : List.of("", "*", "user:alice OR *")) {
        TestServer.Reply refused = server.send("POST", ErasureService.PATH, erasure(everything, HOT_DAY, HOT_DAY));
        assertThat(refused.status()).as(everything).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).as(everything).contains("confirm_all");
      }
      assertThat(server.send("POST", ErasureService.PATH, erasure("user:alice", HOT_DAY, "2026-11-01")).status())
          .as("reversed range").isEqualTo(400);
      assertThat(server.send("POST", ErasureService.PATH, "{\"query\": \"user:alice\"}").status())
          .as("no range").isEqualTo(400);
      assertThat(server.search("*").path("total").asLong()).as("nothing deleted").isEqualTo(9);

      TestServer.Reply confirmed = server.send("POST", ErasureService.PATH,
          "{\"query\": \"*\", \"from\": \"" + HOT_DAY + "\", \"to\": \"" + HOT_DAY + "\", \"confirm_all\": true}");
      assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
      assertThat(confirmed.json().path("events").asLong()).isEqualTo(9);
      assertThat(server.search("*").path("total").asLong()).isZero();
    }
  }
}
