package dev.corral.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.client.ClientStats;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events logged through a real Log4j 2 configuration (src/test/resources/log4j2-corral.xml: the {@code <Corral>}
 * appender and a file with {@code <CorralJsonLayout>}) reach a real server.
 */
class CorralAppenderTest {
  @TempDir
  Path data;
  @TempDir
  Path logs;
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
  void eventsArriveSearchableWithThreadContextMapMessageFieldsMarkersAndCauses() throws Exception {
    Path file = logs.resolve("app.json");
    LoggerContext context = Log4jContexts.configure("log4j2-corral.xml",
        Map.of("corral.test.url", server.uri("").toString(), "corral.test.file", file.toString()));
    Logger log = context.getLogger("shop.inventory.Stock");
    ThreadContext.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
    ThreadContext.put("user_id", "u-42");
    try {
      log.info("reserved {} items of {}", 3, "sku-9");
      log.info(new StringMapMessage().with("message", "stock low").with("sku", "sku-9").with("left", 2));
      log.error(MarkerManager.getMarker("ALERT").setParents(MarkerManager.getMarker("OPS")), "reservation failed",
          new IllegalStateException("no stock", new java.io.IOException("db reset")));
    } finally {
      ThreadContext.clearMap();
    }
    log.debug("cache warmed");
    CorralAppender appender = Log4jContexts.corralAppender(context);
    context.stop();

    assertThat(appender.stats()).extracting(ClientStats::logged, ClientStats::delivered, ClientStats::dropped)
        .containsExactly(4L, 4L, 0L);
    server.awaitTotal("service:inventory", 4);
    JsonNode reserved = one("service:inventory AND reserved");
    assertThat(reserved.path("message").asText()).isEqualTo("reserved 3 items of sku-9");
    assertThat(reserved.path("level").asText()).isEqualTo("INFO");
    assertThat(reserved.path("logger").asText()).isEqualTo("shop.inventory.Stock");
    assertThat(reserved.path("environment").asText()).isEqualTo("test");
    assertThat(reserved.path("version").asText()).isEqualTo("2.0.1");
    assertThat(reserved.path("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(reserved.path("user_id").asText()).isEqualTo("u-42");
    JsonNode low = one("service:inventory AND sku:sku-9");
    assertThat(low.path("message").asText()).isEqualTo("stock low");
    assertThat(low.path("left").asText()).isEqualTo("2");
    JsonNode error = one("service:inventory AND exception.type:java.lang.IllegalStateException");
    assertThat(error.path("level").asText()).isEqualTo("ERROR");
    assertThat(error.path("exception.message").asText()).isEqualTo("no stock");
    assertThat(error.path("exception.stacktrace").asText()).contains("Caused by: java.io.IOException: db reset")
        .contains("at dev.corral.log4j2.CorralAppenderTest.");
    assertThat(error.path("markers").asText()).isEqualTo("[\"ALERT\",\"OPS\"]");
    assertThat(one("service:inventory AND level:DEBUG").has("trace_id")).isFalse();

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    assertThat(server.ingest(String.join("\n", lines)).status()).isEqualTo(200);
    JsonNode fromFile = server.awaitTotal("service:inventory-file AND level:ERROR", 1).path("events").get(0);
    assertThat(fromFile.path("host").asText()).isEqualTo("test-host");
    assertThat(fromFile.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(fromFile.path("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    server.awaitTotal("service:inventory-file", 4);
  }

  private JsonNode one(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }
}
