package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipes, the trace view and their errors, over HTTP. */
class QueryApiTest {
  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    server.ingest("""
        {"timestamp":"2026-11-21T10:00:00.000Z","level":"INFO","service":"api-gateway","message":"GET /checkout","trace_id":"t1","request_id":"r1","performance":{"duration_ms":120}}
        {"timestamp":"2026-11-21T10:00:00.010Z","level":"INFO","service":"order-service","message":"creating order","trace_id":"t1","performance":{"duration_ms":80}}
        {"timestamp":"2026-11-21T10:00:00.020Z","level":"ERROR","service":"payment-gateway","message":"card declined","trace_id":"t1","performance":{"duration_ms":45}}
        {"timestamp":"2026-11-21T10:00:00.030Z","level":"ERROR","service":"order-service","message":"payment failed","trace_id":"t1","performance":{"duration_ms":60}}
        {"timestamp":"2026-11-21T10:01:00.000Z","level":"INFO","service":"api-gateway","message":"GET /home","trace_id":"t2","request_id":"r2","performance":{"duration_ms":20}}
        {"timestamp":"2026-11-21T10:02:00.000Z","level":"WARN","service":"api-gateway","message":"slow upstream","trace_id":"t3","performance":{"duration_ms":2200}}
        """);
    server.awaitTotal("", 6);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void statsCountByServiceIsATable() {
    JsonNode result = query("{\"q\":\"level:ERROR | stats count() by service\"}");
    assertThat(result.path("kind").asText()).isEqualTo("table");
    assertThat(result.path("columns").get(0).path("name").asText()).isEqualTo("service");
    assertThat(result.path("columns").get(1).path("type").asText()).isEqualTo("long");
    assertThat(result.path("rows").toString()).isEqualTo("[[\"order-service\",1],[\"payment-gateway\",1]]");
    assertThat(result.path("partitions").toString()).contains("2026-11-21");
    assertThat(result.path("steps").size()).isPositive();
  }

  @Test
  void getSearchAcceptsPipesToo() {
    JsonNode result = server.search("* | stats count(), max(performance.duration_ms) by service | sort -count() | head 1");
    assertThat(result.path("rows").toString()).isEqualTo("[[\"api-gateway\",3,2200.0]]");
  }

  @Test
  void timechartBucketsByMinute() {
    JsonNode result = server.search("* | timechart span=1m count()");
    assertThat(result.path("columns").get(0).path("type").asText()).isEqualTo("timestamp");
    assertThat(result.path("rows").toString())
        .isEqualTo("[[\"2026-11-21T10:00:00Z\",4],[\"2026-11-21T10:01:00Z\",1],[\"2026-11-21T10:02:00Z\",1]]");
  }

  @Test
  void traceViewAssemblesEveryServiceInTimeOrder() {
    TestServer.Reply reply = server.get("/api/v1/trace/t1");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode trace = reply.json();
    assertThat(trace.path("events")).hasSize(4);
    assertThat(trace.path("events").get(0).path("service").asText()).isEqualTo("api-gateway");
    assertThat(trace.path("events").get(3).path("message").asText()).isEqualTo("payment failed");
    assertThat(trace.path("errors").asInt()).isEqualTo(2);
    assertThat(trace.path("duration_ms").asDouble()).isEqualTo(30.0);
    JsonNode orders = trace.path("services").get(1);
    assertThat(orders.path("service").asText()).isEqualTo("order-service");
    assertThat(orders.path("events").asInt()).isEqualTo(2);
    assertThat(orders.path("errors").asInt()).isEqualTo(1);
    assertThat(orders.path("span_ms").asDouble()).isEqualTo(20.0);
  }

  @Test
  void traceFindsARequestIdToo() {
    JsonNode trace = server.get("/api/v1/trace/r2").json();
    assertThat(trace.path("events")).hasSize(1);
    assertThat(server.get("/api/v1/trace/nothing-like-this").json().path("events")).isEmpty();
  }

  @Test
  void pipeErrorsAreExplained() {
    TestServer.Reply unknown = post("{\"q\":\"* | stats cout() by service\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").asText()).contains("count");
    assertThat(unknown.json().path("caret").asText()).contains("^");
    TestServer.Reply badPipe = post("{\"q\":\"* | stast count()\"}");
    assertThat(badPipe.status()).isEqualTo(400);
    assertThat(badPipe.json().path("error").asText()).contains("stats");
  }

  @Test
  void unknownFieldsGetAWarningWithTheNearestKnownField() {
    JsonNode result = server.search("servce:api-gateway | stats count() by levl");
    assertThat(result.path("warnings").toString())
        .contains("no event has a field 'servce'; did you mean 'service'?")
        .contains("no event has a field 'levl'; did you mean 'level'?");
    assertThat(server.search("service:api-gateway").has("warnings")).isFalse();
  }

  @Test
  void badQueryBodiesAre400() {
    assertThat(post("").status()).isEqualTo(400);
    assertThat(post("{\"q\":").status()).isEqualTo(400);
    assertThat(post("[1,2]").status()).isEqualTo(400);
    assertThat(post("{\"q\":{\"nested\":true}}").status()).isEqualTo(400);
    assertThat(post("{\"q\":\"*\",\"from\":\"last tuesday\"}").status()).isEqualTo(400);
  }

  private static TestServer.Reply post(String body) {
    return server.post("/api/v1/query", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
  }

  private static JsonNode query(String body) {
    TestServer.Reply reply = post(body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
