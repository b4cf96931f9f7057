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
 * Issue 16, item 6: query-time extraction over HTTP — access lines and logfmt that arrived
 * unparsed are parsed by the query, and a bad pattern answers 400 with its position.
 */
class QueryExtractionApiTest {
  @TempDir
  static Path data;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(data);
    server.ingest("""
        {"timestamp":"2026-11-21T10:00:00Z","service":"web","message":"10.0.0.1 - a [21/Nov/2026:10:00:00 +0000] \\"GET /pay HTTP/1.1\\" 200 512"}
        {"timestamp":"2026-11-21T10:00:01Z","service":"web","message":"10.0.0.2 - b [21/Nov/2026:10:00:01 +0000] \\"GET /pay HTTP/1.1\\" 502 40"}
        {"timestamp":"2026-11-21T10:00:02Z","service":"web","message":"10.0.0.3 - c [21/Nov/2026:10:00:02 +0000] \\"POST /auth HTTP/1.1\\" 503 7000"}
        {"timestamp":"2026-11-21T10:00:03Z","service":"api","message":"level=error status=500 path=/search duration_ms=1250"}
        """);
    server.awaitTotal("", 4);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void parsedAccessLinesAreGroupedByAnExtractedField() {
    JsonNode result = server.search("service:web | parse \"%{ip} - %{user} [%{_}] \\\"%{method} %{path} %{_}\\\" "
        + "%{status} %{bytes}\" | where status >= 500 | stats count() by path");
    assertThat(result.path("rows").toString()).isEqualTo("[[\"/auth\",1],[\"/pay\",1]]");
  }

  @Test
  void logfmtFieldsComeBackWithTheEvents() {
    JsonNode result = server.search("service:api | logfmt | where duration_ms > 1000");
    assertThat(result.path("total").asLong()).isEqualTo(1);
    JsonNode event = result.path("events").get(0);
    assertThat(event.path("level_extracted").asText()).as(event.toString()).isEqualTo("error");
    assertThat(event.path("duration_ms").asLong()).as(event.toString()).isEqualTo(1250);
  }

  @Test
  void aBadRegexIsA400PointingIntoThePattern() {
    String query = "* | parse `(?<a>[a-z)`";
    TestServer.Reply reply = server.get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("invalid regex");
    assertThat(reply.json().path("position").asInt()).isEqualTo(20);
  }
}
