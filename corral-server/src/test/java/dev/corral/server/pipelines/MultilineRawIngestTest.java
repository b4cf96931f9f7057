package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline's {@code multiline} block on {@code POST /api/v1/ingest/raw}: a Java stack trace among
 * ordinary lines becomes one event that the processors parse, each request is a stream of its own (a
 * trace split over two requests is two events), a line with invalid UTF-8 inside a trace keeps its
 * flag, a huge line is a dead letter without breaking the rest, a definition with a bad pattern is
 * refused at PUT, and the stored pipeline's simulation joins lines the same way.
 */
class MultilineRawIngestTest {
  static final String JAVA = """
      id: java
      multiline:
        preset: java
        max_lines: 200
      processors:
        - dissect: {field: message, pattern: '%{date} %{time} %{level->} [%{thread}] %{logger} - %{summary}'}
        - remove: {field: [date, time]}
      """;
  static final List<String> LOG = List.of(
      "2024-05-01 12:00:00.123 INFO  [main] c.e.shop.App - started in 2.1 s",
      "2024-05-01 12:00:01.456 ERROR [http-nio-8080-exec-1] c.e.shop.OrderController - order 42 failed",
      "java.lang.IllegalStateException: payment declined",
      "\tat com.example.shop.PaymentService.charge(PaymentService.java:88)",
      "\tat com.example.shop.OrderController.place(OrderController.java:41)",
      "Caused by: java.net.SocketTimeoutException: Read timed out",
      "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
      "\t... 12 more",
      "2024-05-01 12:00:02.001 INFO  [main] c.e.shop.App - order 43 placed");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("ingest.max_message_bytes", "4KiB"));
    assertThat(server.send("PUT", "/api/v1/pipelines/java", JAVA, "Content-Type", "application/yaml").status())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aJavaStackTraceAmongOrdinaryLinesIsOneEventParsedByTheProcessors() throws Exception {
    TestServer.Reply reply = send("shop", String.join("\n", LOG) + "\n");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("accepted").asInt()).as("lines taken").isEqualTo(LOG.size());

    server.awaitTotal("service:shop", 3);
    JsonNode trace = server.search("service:shop AND level:ERROR").path("events");
    assertThat(trace).hasSize(1);
    assertThat(trace.get(0).path("message").asText()).isEqualTo(String.join("\n", LOG.subList(1, 8)));
    assertThat(trace.get(0).path("multiline.lines").asLong()).isEqualTo(7);
    assertThat(trace.get(0).path("logger").asText()).isEqualTo("c.e.shop.OrderController");
    assertThat(trace.get(0).path("summary").asText()).startsWith("order 42 failed\njava.lang.IllegalStateException");
    assertThat(server.search("service:shop AND level:INFO").path("total").asLong()).isEqualTo(2);
  }

  @Test
  void eachRequestIsAStreamOfItsOwnSoATraceSplitOverTwoRequestsIsTwoEvents() throws Exception {
    assertThat(send("split", String.join("\n", LOG.subList(1, 5)) + "\n").status()).isEqualTo(200);
    assertThat(send("split", String.join("\n", LOG.subList(5, 8)) + "\n").status()).isEqualTo(200);

    JsonNode events = server.awaitTotal("service:split", 2).path("events");
    assertThat(events).extracting(event -> event.path("message").asText()).containsExactlyInAnyOrder(
        String.join("\n", LOG.subList(1, 5)), String.join("\n", LOG.subList(5, 8)));
  }

  @Test
  void invalidUtf8InsideATraceIsFlaggedAndAHugeLineIsADeadLetterWithoutBreakingTheTrace() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write((LOG.get(1) + "\n" + LOG.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
    body.write(new byte[] {'\t', 'a', 't', ' ', 'B', (byte) 0xC3, (byte) 0x28, '\n'});
    body.write(("\tat " + "h".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
    body.write((LOG.get(3) + "\n").getBytes(StandardCharsets.UTF_8));
    TestServer.Reply reply = server.post("/api/v1/ingest/raw?pipeline=java&service=bad", body.toByteArray(),
        "Content-Type", "text/plain");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("rejected").asInt()).isEqualTo(1);

    JsonNode event = server.awaitTotal("service:bad", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo(LOG.get(1) + "\n" + LOG.get(2) + "\n\tat B\uFFFD(\n" + LOG.get(3));
    assertThat(event.path("_invalid_utf8").asBoolean()).isTrue();
    assertThat(event.path("multiline.lines").asLong()).isEqualTo(4);
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:raw", 1);
  }

  @Test
  void aMultilineBlockWithABadPatternIsRefusedAtPutNamingIt() {
    String bad = JAVA.replace("preset: java", "start: '^(\\\\d+'");
    TestServer.Reply reply = server.send("PUT", "/api/v1/pipelines/java", bad, "Content-Type", "application/yaml");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("multiline at line 3", "option 'start'", "does not compile");
  }

  @Test
  void simulatingTheStoredPipelineOnLinesJoinsThemAsIngestDoes() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode lines = body.putArray("lines");
    LOG.forEach(lines::add);
    TestServer.Reply reply = server.post("/api/v1/pipelines/java/simulate",
        JSON.writeValueAsBytes(body), "Content-Type", "application/json");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode docs = reply.json().path("docs");
    assertThat(docs).hasSize(3);
    assertThat(docs.get(1).path("input").path("_source").path("message").asText())
        .isEqualTo(String.join("\n", LOG.subList(1, 8)));
    assertThat(docs.get(1).path("doc").path("_source").path("level").asText()).isEqualTo("ERROR");
  }

  private TestServer.Reply send(String service, String text) {
    return server.post("/api/v1/ingest/raw?pipeline=java&service=" + service, text.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "text/plain");
  }
}
