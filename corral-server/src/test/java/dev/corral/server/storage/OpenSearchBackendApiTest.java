package dev.corral.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.server.Await;
import dev.corral.server.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with {@code store.backend: opensearch} against a real OpenSearch node: the same HTTP API
 * (ingest, search with pipes, trace, stats) answers from the cluster, a restart replays the WAL from
 * the store's checkpoint without duplicating anything, a document the cluster rejects becomes a
 * searchable dead letter, the export streams every event from the cluster as it does from the local
 * store and lets go of its point in time when its client goes away, and what only the local store does is not served (compaction: 404; erasure: 501 saying what to
 * do instead).
 */
class OpenSearchBackendApiTest {
  @RegisterExtension static final OpenSearchTestNode node = OpenSearchTestNode.shared();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private Map<String, String> settings(String prefix) {
    return Map.of("store.backend", "opensearch", "store.opensearch.urls", node.url().toString(),
        "store.opensearch.index_prefix", prefix);
  }

  private static String event(Instant at, String service, String level, String traceId, String message) {
    return "{\"timestamp\":\"" + at + "\",\"service\":\"" + service + "\",\"level\":\"" + level + "\",\"trace_id\":\""
        + traceId + "\",\"message\":\"" + message + "\",\"performance\":{\"duration_ms\":" + (message.length() * 10)
        + "}}\n";
  }

  @Test
  void theApiAnswersFromTheClusterAndARestartReplaysWithoutDuplicates() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(event(now.minusSeconds(i), i % 3 == 0 ? "checkout" : "payment", i % 5 == 0 ? "ERROR" : "INFO",
          i < 4 ? "trace-abc" : "trace-" + i, i % 2 == 0 ? "card declined for order " + i : "order " + i + " paid"));
    }
    try (TestServer server = TestServer.start(dataDir, settings("api"))) {
      assertThat(server.ingest(String.join("", lines)).status()).isEqualTo(200);
      server.awaitTotal("*", 30);

      JsonNode phrase = server.search("\"card declined\" AND service:checkout");
      assertThat(phrase.path("total").asLong()).isEqualTo(5);
      JsonNode table = server.search("* | stats count() by service | sort service");
      assertThat(table.path("rows").toString()).isEqualTo("[[\"checkout\",10],[\"payment\",20]]");
      JsonNode errors = server.search("level:ERROR | stats max(performance.duration_ms)");
      assertThat(errors.path("rows").get(0).get(0).asDouble()).isEqualTo(260.0);

      JsonNode trace = server.get("/api/v1/trace/trace-abc").json();
      assertThat(trace.toString()).contains("trace-abc");
      assertThat(server.search("trace_id:trace-abc").path("total").asLong()).isEqualTo(4);

      JsonNode stats = server.get("/api/v1/stats").json();
      assertThat(stats.path("store").path("backend").asText()).isEqualTo("opensearch");
      assertThat(stats.path("store").path("index_pattern").asText()).isEqualTo("api-*");
      assertThat(stats.has("partitions")).as("the cluster keeps the days").isFalse();
      assertThat(stats.path("node_id").asText()).matches("[a-z2-7]{16}");
      assertThat(server.send("POST", "/api/v1/admin/compact", null).status())
          .as("compaction is the local store's").isEqualTo(404);
    }
    try (TestServer again = TestServer.start(dataDir, settings("api"))) {
      assertThat(again.ingest(event(now, "checkout", "WARN", "trace-new", "after the restart")).status()).isEqualTo(200);
      again.awaitTotal("*", 31);
      assertThat(again.search("trace_id:trace-abc").path("total").asLong())
          .as("the WAL replayed from the checkpoint overwrote, never duplicated").isEqualTo(4);
    }
  }

  /** Events of the export test: more than one export page (1,000), over two days. */
  private static final int EXPORTED = 1_500;

  @Test
  void theExportStreamsEveryEventFromTheClusterAndErasureSaysWhereToEraseInstead() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < EXPORTED; i++) {
      Instant at = now.minus(i % 2 == 0 ? 0 : 1, ChronoUnit.DAYS).minusMillis(i);
      lines.append("{\"timestamp\":\"").append(at).append("\",\"service\":\"").append(i % 3 == 0 ? "checkout" : "payment")
          .append("\",\"seq\":").append(i).append(",\"message\":\"event ").append(i).append("\"}\n");
    }
    try (TestServer server = TestServer.start(dataDir, settings("export"))) {
      assertThat(server.ingest(lines.toString()).status()).isEqualTo(200);
      server.awaitTotal("*", EXPORTED);

      TestServer.Reply ndjson = server.get("/api/v1/export?q=*&from=now-3d&to=now");
      assertThat(ndjson.status()).as(ndjson.body()).isEqualTo(200);
      List<JsonNode> events = new ArrayList<>();
      for (String line : ndjson.body().split("\n")) {
        events.add(JSON.readTree(line));
      }
      assertThat(events).hasSize(EXPORTED);
      assertThat(events).extracting(e -> Instant.parse(e.path("timestamp").asText())).isSorted();
      assertThat(events.stream().map(e -> e.path("seq").asInt()).distinct().count()).isEqualTo(EXPORTED);

      TestServer.Reply csv = server.get("/api/v1/export?q=service:checkout&from=now-3d&to=now&format=csv&fields=seq,service");
      assertThat(csv.status()).isEqualTo(200);
      String[] rows = csv.body().split("\r\n");
      assertThat(rows[0]).isEqualTo("seq,service");
      assertThat(rows).hasSize(EXPORTED / 3 + 1);
      assertThat(rows[1]).endsWith(",checkout");

      TestServer.Reply bad = server.get("/api/v1/export?q=service:/(unclosed/&from=now-3d&to=now");
      assertThat(bad.status()).as("refused before anything is streamed").isEqualTo(400);
      assertThat(bad.json().path("error").asText()).contains("regex");
      JsonNode exports = server.get("/api/v1/stats").json().path("exports");
      assertThat(exports.path("completed").asLong()).isEqualTo(2);
      assertThat(exports.path("running").asLong()).isZero();
      try (OpenSearchClient client = node.client()) {
        assertThat(pointsInTime(client)).as("every export deleted its point in time").isZero();
      }

      TestServer.Reply erase = server.send("POST", "/api/v1/admin/delete",
          "{\"query\":\"service:checkout\",\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}");
      assertThat(erase.status()).isEqualTo(501);
      assertThat(erase.json().path("error").asText()).contains("store.backend is opensearch").contains("_delete_by_query");
      assertThat(server.get("/api/v1/admin/delete").status()).isEqualTo(501);
    }
  }

  /**
   * Events of the disconnect test: 8 MB, twice what loopback TCP buffers hold (as in ExportApiTest), so
   * an export of them cannot finish while its client does not read.
   */
  private static final int BULK_EVENTS = 2_000;
  private static final int BULK_MESSAGE_CHARS = 4_000;

  @Test
  void aClientGoneMidExportFreesItsSlotAndThePointInTime() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String big = "x".repeat(BULK_MESSAGE_CHARS);
    try (TestServer server = TestServer.start(dataDir, settings("gone")); OpenSearchClient client = node.client()) {
      for (int batch = 0; batch < 4; batch++) {
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < BULK_EVENTS / 4; i++) {
          bulk.append("{\"timestamp\":\"").append(now.minusMillis(batch * 1_000L + i)).append("\",\"service\":\"bulk\",")
              .append("\"message\":\"").append(big).append("\"}\n");
        }
        assertThat(server.ingest(bulk.toString()).status()).isEqualTo(200);
      }
      server.awaitTotal("service:bulk", BULK_EVENTS);

      URI uri = server.uri("/api/v1/export?q=service:bulk&from=now-1h&to=now");
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
            + uri.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = new String(socket.getInputStream().readNBytes(8 * 1024), StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 200").contains("\"service\":\"bulk\"");
        assertThat(exports(server).path("running").asInt()).as("the client stopped reading: the export waits").isOne();
        assertThat(pointsInTime(client)).as("held while the export waits").isOne();
      }
      Await.until("the export of a gone client ends", () -> exports(server).path("running").asInt() == 0);
      assertThat(exports(server).path("cancelled").asLong()).isOne();
      assertThat(pointsInTime(client)).as("deleted when the client went away").isZero();
    }
  }

  private static JsonNode exports(TestServer server) {
    return server.get("/api/v1/stats").json().path("exports");
  }

  private static int pointsInTime(OpenSearchClient client) throws Exception {
    return JSON.readTree(client.get("/_search/point_in_time/_all").body()).path("pits").size();
  }

  @Test
  void aDocumentTheClusterRejectsBecomesASearchableDeadLetterAndTheRestIsStored() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (TestServer server = TestServer.start(dataDir, settings("rejects"))) {
      assertThat(server.ingest("{\"timestamp\":\"" + now + "\",\"service\":\"a\",\"message\":\"scalar\",\"cart\":\"x\"}\n"
          + "{\"timestamp\":\"" + now + "\",\"service\":\"a\",\"message\":\"object\",\"cart\":{\"items\":2}}\n"
          + "{\"timestamp\":\"" + now + "\",\"service\":\"a\",\"message\":\"plain\"}\n").status()).isEqualTo(200);

      server.awaitTotal("service:a", 2);
      JsonNode letters = server.awaitTotal("logtype:dead_letter", 1);
      String letter = letters.path("events").get(0).toString();
      assertThat(letter).contains("cart").contains("object");
      assertThat(server.get("/api/v1/stats").json().path("store").path("dead_letters_written").asLong()).isEqualTo(1);
    }
  }
}
