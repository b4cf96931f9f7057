package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "the query language grows what rules need", over HTTP: conditional aggregates, {@code
 * eval} on rows and on events, and {@code where} over computed columns — the seed's error-rate
 * query in one request — and a bad expression answering 400 with its position.
 */
class QueryEvalApiTest {
  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    StringBuilder events = new StringBuilder();
    // payment-gateway: 2 errors of 6 (33.3 %); user-auth: 1 of 3 (33.3 %); search: 1 of 30 (3.3 %)
    for (int i = 0; i < 6; i++) {
      events.append(event(i, "payment-gateway", i < 2 ? "ERROR" : "INFO", 100 * (i + 1)));
    }
    for (int i = 0; i < 3; i++) {
      events.append(event(10 + i, "user-auth", i == 0 ? "ERROR" : "INFO", 40));
    }
    for (int i = 0; i < 30; i++) {
      events.append(event(20 + i, "search", i == 0 ? "ERROR" : "INFO", 10));
    }
    server.ingest(events.toString());
    server.awaitTotal("", 39);
  }

  private static String event(int second, String service, String level, int durationMs) {
    return String.format("{\"timestamp\":\"2026-11-21T10:00:%02dZ\",\"service\":\"%s\",\"level\":\"%s\","
        + "\"message\":\"request done\",\"duration_ms\":%d}%n", second, service, level, durationMs);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theSeedsErrorRateIsOneQueryWithFloatingPointRates() {
    JsonNode result = server.search("* | stats count() as total, count(level:ERROR) as errors by service"
        + " | eval error_rate = errors / total * 100 | where error_rate > 5");
    assertThat(result.path("columns").toString()).contains("{\"name\":\"error_rate\",\"type\":\"double\"}");
    assertThat(result.path("rows").size()).as(result.toString()).isEqualTo(2);
    JsonNode payment = result.path("rows").get(0);
    assertThat(payment.get(0).asText()).isEqualTo("payment-gateway");
    assertThat(payment.get(3).asDouble()).isEqualTo(2.0 / 6 * 100);
    assertThat(result.path("rows").get(1).get(0).asText()).isEqualTo("user-auth");
  }

  @Test
  void conditionalAggregatesWithIfAndEvalOnEvents() {
    JsonNode result = server.search("* | eval slow = duration_ms >= 300 | stats sum(duration_ms) if (level:ERROR)"
        + " as error_ms, count() if (slow:true) as slow by service | where slow > 0");
    assertThat(result.path("rows").toString()).isEqualTo("[[\"payment-gateway\",300.0,4]]");
  }

  @Test
  void aBadExpressionIsA400WithTheCaretPosition() {
    String query = "* | stats count() as total by service | eval r = total * \"x\"";
    TestServer.Reply reply = server.get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("type mismatch: '*' needs a number");
    assertThat(reply.json().path("position").asInt()).isEqualTo(query.indexOf('"'));
    TestServer.Reply unknown = server.get("/api/v1/search?q="
        + URLEncoder.encode("* | stats count() as total | eval r = totl * 2", StandardCharsets.UTF_8));
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.json().path("error").asText()).contains("unknown column 'totl'");
  }
}
