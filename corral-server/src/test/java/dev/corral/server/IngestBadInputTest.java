package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets a clear answer naming what and where, and never takes good lines down with it. */
class IngestBadInputTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("http.max_body_bytes", "16MiB"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void malformedLineIsRejectedWithItsNumberWhileOthersAreAccepted() throws Exception {
    TestServer.Reply reply = server.ingest("""
        {"service":"mixed","message":"good one"}
        {"service":"mixed","message": oops}
        {"service":"mixed","message":"good two"}
        [1,2,3]
        """);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("accepted").asInt()).isEqualTo(2);
    assertThat(json.path("rejected").asInt()).isEqualTo(2);
    assertThat(json.path("errors").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(json.path("errors").get(0).path("reason").asText()).containsIgnoringCase("json");
    assertThat(json.path("errors").get(1).path("line").asInt()).isEqualTo(4);
    assertThat(json.path("errors").get(1).path("reason").asText()).containsIgnoringCase("object");
    server.awaitTotal("service:mixed", 2);
  }

  @Test
  void rejectedLinesAreKeptAsSearchableDeadLetters() throws Exception {
    server.ingest("""
        {"service":"dl","message":"fine"}
        {"service":"dl","message": not json}
        """);
    JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:ndjson", 1);
    JsonNode letter = letters.path("events").get(0);
    assertThat(letter.path("service").asText()).isEqualTo("corral");
    assertThat(letter.path("dead_letter.reason").asText()).startsWith("line 2: ").containsIgnoringCase("json");
    assertThat(letter.path("dead_letter.excerpt").asText()).isEqualTo("{\"service\":\"dl\",\"message\": not json}");
    assertThat(letter.path("level").asText()).isEqualTo("WARN");
  }

  @Test
  void truncatedObjectAndEveryLineBadGives400WithReasons() {
    TestServer.Reply reply = server.ingest("{\"service\":\"cut\",\"message\":\"half\n{\"a\":\n");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("accepted").asInt()).isZero();
    assertThat(reply.json().path("rejected").asInt()).isEqualTo(2);
  }

  @Test
  void truncatedGzipIsRefusedAndNothingIsStored() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 2000; i++) {
        gzip.write(("{\"service\":\"torn-gzip\",\"message\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = compressed.toByteArray();
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
    TestServer.Reply reply = server.post("/api/v1/ingest", truncated,
        "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("gzip").contains("truncated");
    server.ingest("{\"service\":\"marker\",\"message\":\"after\"}\n");
    server.awaitTotal("service:marker", 1);
    assertThat(server.search("service:torn-gzip").path("total").asLong()).isZero();
  }

  @Test
  void invalidUtf8LineIsRejectedAndNeighboursKept() throws Exception {
    byte[] good = "{\"service\":\"utf\",\"message\":\"fine ✓\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[] {'{', '"', 'm', 's', 'g', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(good);
    body.writeBytes(bad);
    body.writeBytes(good);
    TestServer.Reply reply = server.post("/api/v1/ingest", body.toByteArray(), "Content-Type", "application/x-ndjson");
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(reply.json().path("errors").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(reply.json().path("errors").get(0).path("reason").asText()).containsIgnoringCase("utf-8");
    server.awaitTotal("service:utf", 2);
  }

  @Test
  void tenMegabyteLineIsRejectedWithTheLimit() throws Exception {
    String huge = "{\"service\":\"big\",\"message\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    TestServer.Reply reply = server.ingest("{\"service\":\"big\",\"message\":\"small\"}\n" + huge + "\n");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode error = reply.json().path("errors").get(0);
    assertThat(error.path("line").asInt()).isEqualTo(2);
    assertThat(error.path("reason").asText()).contains("1048576");
    server.awaitTotal("service:big", 1);
  }

  @Test
  void tenThousandFieldsAreRejectedWithTheLimit() {
    StringBuilder event = new StringBuilder("{\"service\":\"wide\"");
    for (int i = 0; i < 10_000; i++) {
      event.append(",\"f").append(i).append("\":").append(i);
    }
    event.append("}\n");
    TestServer.Reply reply = server.ingest(event.toString());
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("errors").get(0).path("reason").asText()).contains("1000");
  }

  @Test
  void deeplyNestedObjectIsRejected() {
    String nested = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    TestServer.Reply reply = server.ingest(nested + "\n{\"service\":\"shallow\",\"message\":\"ok\"}\n");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(reply.json().path("errors").get(0).path("reason").asText()).containsIgnoringCase("depth");
  }

  @Test
  void wrongContentTypeIs415() {
    TestServer.Reply reply = server.post("/api/v1/ingest", "<log/>".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/xml");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("error").asText()).contains("application/x-ndjson");
  }

  @Test
  void emptyBodyIs400() {
    TestServer.Reply reply = server.post("/api/v1/ingest", new byte[0], "Content-Type", "application/x-ndjson");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("empty");
  }

  @Test
  void oversizedBodyIs413WithTheLimit() {
    byte[] body = new byte[17 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    TestServer.Reply reply = server.post("/api/v1/ingest", body, "Content-Type", "application/x-ndjson");
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().path("error").asText()).contains(Long.toString(16L << 20));
  }

  @Test
  void gzipBombIsStoppedAtTheLimit() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gzip.write(spaces);
      }
    }
    TestServer.Reply reply = server.post("/api/v1/ingest", compressed.toByteArray(),
        "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(413);
  }

  @Test
  void floodOfConcurrentRequestsLosesNothing() throws Exception {
    int clients = 16;
    int perClient = 50;
    Thread[] threads = new Thread[clients];
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads[c] = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < perClient; i++) {
          TestServer.Reply reply = server.ingest("{\"service\":\"flood\",\"client\":" + client + ",\"n\":" + i + "}\n"
              + "{\"service\":\"flood\",\"client\":" + client + ",\"n\":" + i + ",\"second\":true}\n");
          assertThat(reply.status()).isEqualTo(200);
        }
      });
    }
    for (Thread thread : threads) {
      thread.join();
    }
    server.awaitTotal("service:flood", (long) clients * perClient * 2);
  }
}
