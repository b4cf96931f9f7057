package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestApiTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void ndjsonEventsAreAcknowledgedAndSearchable() throws Exception {
    TestServer.Reply reply = server.ingest("""
        {"timestamp":"2026-11-21T17:00:00Z","level":"error","service":"checkout","message":"card declined","trace_id":"t-1","amount":42.5}
        {"@timestamp":"2026-11-21T17:00:01Z","log.level":"info","service.name":"checkout","message":"order placed"}
        """);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(reply.json().path("rejected").asInt()).isZero();
    assertThat(reply.json().path("errors")).isEmpty();

    JsonNode found = server.awaitTotal("service:checkout", 2);
    JsonNode newest = found.path("events").get(0);
    assertThat(newest.path("message").asText()).isEqualTo("order placed");
    assertThat(newest.path("level").asText()).isEqualTo("INFO");
    assertThat(newest.path("timestamp").asText()).isEqualTo("2026-11-21T17:00:01Z");
    JsonNode error = server.search("level:ERROR AND \"card declined\"").path("events").get(0);
    assertThat(error.path("trace_id").asText()).isEqualTo("t-1");
    assertThat(error.path("amount").asDouble()).isEqualTo(42.5);
  }

  @Test
  void jsonArrayBodyIsAccepted() throws Exception {
    TestServer.Reply reply = server.post("/api/v1/ingest", """
        [{"service":"a","message":"first"},{"service":"a","message":"second"}]
        """.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(2);
    server.awaitTotal("service:a", 2);
  }

  @Test
  void gzipBodyIsAccepted() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      for (int i = 0; i < 500; i++) {
        gzip.write(("{\"service\":\"zipped\",\"message\":\"line " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    TestServer.Reply reply = server.post("/api/v1/ingest", compressed.toByteArray(),
        "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(500);
    server.awaitTotal("service:zipped", 500);
  }

  @Test
  void eventWithoutTimestampGetsTheReceiveTime() throws Exception {
    server.ingest("{\"service\":\"clockless\",\"message\":\"no time given\"}\n");
    JsonNode event = server.awaitTotal("service:clockless", 1).path("events").get(0);
    assertThat(event.path("timestamp").asText()).startsWith(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
  }

  @Test
  void referenceShapesAreNormalizedToCanonicalFields() throws Exception {
    server.ingest("""
        {"asctime":"2026-11-20 10:00:00,250","name":"billing.worker","levelname":"WARNING","message":"retrying","service":"billing","request_id":"r-9"}
        {"@timestamp":"2026-11-20T10:00:01.000Z","@version":"1","message":"boom","logger_name":"com.shop.Pay","thread_name":"main","level":"ERROR","level_value":40000,"stack_trace":"java.lang.IllegalStateException: boom\\n\\tat com.shop.Pay.run(Pay.java:10)","service":"billing"}
        {"ServiceKey":"billing","ComponentKey":"ledger","RequestKey":"r-9","HostAddress":"10.0.0.7","TimeStampUTC":"2026-11-20T10:00:02Z","Title":"ledger updated","Level":"Information","Additional":{"entries":3}}
        """);
    server.awaitTotal("service:billing", 3);
    assertThat(server.search("request_id:r-9").path("total").asLong()).isEqualTo(2);
    JsonNode python = server.search("logger:billing.worker").path("events").get(0);
    assertThat(python.path("level").asText()).isEqualTo("WARN");
    assertThat(python.path("timestamp").asText()).isEqualTo("2026-11-20T10:00:00.250Z");
    JsonNode logback = server.search("exception.type:java.lang.IllegalStateException").path("events").get(0);
    assertThat(logback.path("exception.stacktrace").asText()).contains("Pay.java:10");
    JsonNode keyStyle = server.search("component:ledger").path("events").get(0);
    assertThat(keyStyle.path("message").asText()).isEqualTo("ledger updated");
    assertThat(keyStyle.path("context.entries").asLong()).isEqualTo(3);
  }

  @Test
  void fieldWhoseTypeChangesIsIndexedByObservedType() throws Exception {
    TestServer.Reply reply = server.ingest("""
        {"service":"typed","message":"as number","http":{"status_code":503}}
        {"service":"typed","message":"as string","http":{"status_code":"503"}}
        {"service":"typed","message":"as text","http":{"status_code":"unknown"}}
        """);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(3);
    server.awaitTotal("service:typed", 3);
    assertThat(server.search("http.status_code:503").path("total").asLong()).isEqualTo(2);
    assertThat(server.search("http.status_code:[500 TO 599]").path("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(server.search("http.status_code:unknown").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void aNameMetTwiceKeepsBothValuesAndIsSearchedLikeAnArray() throws Exception {
    TestServer.Reply reply = server.ingest("""
        {"service":"multi","message":"collided","a":{"b":1},"a.b":2}
        {"service":"multi","message":"sent as an array","a.b":[1,2]}
        {"service":"multi","message":"single","a.b":1}
        """);
    assertThat(reply.json().path("accepted").asInt()).isEqualTo(3);
    server.awaitTotal("service:multi", 3);
    JsonNode both = server.search("service:multi AND a.b:\"[1,2]\"");
    assertThat(both.path("total").asLong()).as("the collided event and the array event, alike").isEqualTo(2);
    assertThat(both.path("events").findValuesAsText("message")).containsExactlyInAnyOrder("collided", "sent as an array");
    assertThat(both.path("events").get(0).path("a.b").asText()).isEqualTo("[1,2]");
    assertThat(server.search("service:multi AND a.b:1").path("total").asLong()).isEqualTo(1);
  }

  @Test
  void healthAndReadyAnswer() {
    assertThat(server.get("/health").status()).isEqualTo(200);
    TestServer.Reply ready = server.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("ready").asBoolean()).isTrue();
  }

  @Test
  void unknownPathAndWrongMethodGetClearErrors() {
    assertThat(server.get("/api/v1/nothing").status()).isEqualTo(404);
    TestServer.Reply wrongMethod = server.get("/api/v1/ingest");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().path("error").asText()).contains("POST");
  }
}
