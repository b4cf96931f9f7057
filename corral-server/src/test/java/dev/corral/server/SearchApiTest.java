package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchApiTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data);
    server.ingest("""
        {"timestamp":"2026-11-19T08:00:00Z","level":"ERROR","service":"payment-gateway","message":"card declined by issuer","http":{"status_code":502},"performance":{"duration_ms":1500}}
        {"timestamp":"2026-11-20T09:00:00Z","level":"WARN","service":"api-gateway","message":"upstream slow","http":{"status_code":504},"trace_id":"abc"}
        {"timestamp":"2026-11-21T10:00:00Z","level":"INFO","service":"payment-gateway","message":"card accepted","http":{"status_code":200},"performance":{"duration_ms":80}}
        {"timestamp":"2026-11-21T11:00:00Z","level":"ERROR","service":"order-service","message":"timeout talking to db","trace_id":"abc"}
        """);
    server.awaitTotal("", 4);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void resultsAreNewestFirstWithTotalAndTiming() {
    JsonNode result = server.search("", "&limit=2");
    assertThat(result.path("total").asLong()).isEqualTo(4);
    assertThat(result.path("events")).hasSize(2);
    assertThat(result.path("events").get(0).path("timestamp").asText()).isEqualTo("2026-11-21T11:00:00Z");
    assertThat(result.path("events").get(1).path("timestamp").asText()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(result.has("took_ms")).isTrue();
  }

  @Test
  void languageCoversTheEverydayQueries() {
    assertThat(total("level:error")).isEqualTo(2);
    assertThat(total("service:payment-gateway AND \"card declined\"")).isEqualTo(1);
    assertThat(total("service:payment-gateway \"card declined\"")).isEqualTo(1);
    assertThat(total("http.status_code:[500 TO 599] AND NOT service:api-gateway")).isEqualTo(1);
    assertThat(total("performance.duration_ms:>1000")).isEqualTo(1);
    assertThat(total("trace_id:* AND level:(ERROR OR WARN)")).isEqualTo(2);
    assertThat(total("timeout")).isEqualTo(1);
    assertThat(total("(level:WARN OR level:INFO) AND service:*gateway")).isEqualTo(2);
    assertThat(total("NOT level:ERROR")).isEqualTo(2);
  }

  @Test
  void timeBoundsFilterAndPrunePartitions() {
    JsonNode result = server.search("", "&from=2026-11-21T00:00:00Z&to=2026-11-21T10:30:00Z");
    assertThat(result.path("total").asLong()).isEqualTo(1);
    assertThat(result.path("partitions").toString()).contains("2026-11-21").doesNotContain("2026-11-19");
    assertThat(server.search("", "&from=2026-11-20").path("total").asLong()).isEqualTo(3);
  }

  @Test
  void syntaxErrorIs400WithPositionAndCaret() {
    TestServer.Reply reply = server.get("/api/v1/search?q=level:(ERROR");
    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.json();
    assertThat(error.path("error").asText()).contains("syntax");
    assertThat(error.path("position").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(error.path("caret").asText()).contains("^");
  }

  @Test
  void badTimeBoundAndLimitAre400() {
    assertThat(server.get("/api/v1/search?from=yesterday-ish").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/search?limit=-1").status()).isEqualTo(400);
    assertThat(server.get("/api/v1/search?limit=99999999").status()).isEqualTo(400);
  }

  @Test
  void hostileRegexGetsAClearErrorAndServerKeepsWorking() {
    TestServer.Reply reply = server.get("/api/v1/search?q=" + java.net.URLEncoder.encode(
        "message:/(.*a){20}(.*b){20}[a-z]{1,1000}/", java.nio.charset.StandardCharsets.UTF_8));
    assertThat(reply.status()).isIn(200, 400);
    assertThat(total("level:error")).isEqualTo(2);
  }

  private long total(String query) {
    return server.search(query).path("total").asLong();
  }
}
