package dev.corral.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * {@code CorralJsonEncoder} on a {@code ConsoleAppender} (src/test/resources/logback-json-console.xml): the lines it
 * prints are Corral's canonical JSON, taken by a real server unchanged, as a shipper collecting a container's
 * output would send them.
 */
class CorralJsonEncoderTest {
  @TempDir
  Path data;

  @Test
  void consoleLinesAreCanonicalJsonThatCorralStoresWithEveryField() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      LoggerContext context = LogbackContexts.configure("logback-json-console.xml", Map.of());
      Logger log = context.getLogger("billing.Invoices");
      MDC.put("span_id", "00f067aa0ba902b7");
      try {
        log.atWarn().addKeyValue("invoice", "INV-3").log("invoice \"late\"\nsecond line");
        log.error("render failed", new IllegalArgumentException("bad template"));
      } finally {
        MDC.clear();
      }
      context.stop();
    } finally {
      System.setOut(original);
    }
    String[] lines = console.toString(StandardCharsets.UTF_8).split("\n");

    assertThat(lines).hasSize(2);
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.ingest(String.join("\n", lines)).json().path("accepted").asInt()).isEqualTo(2);
      JsonNode warn = server.awaitTotal("service:billing AND level:WARN", 1).path("events").get(0);
      assertThat(warn.path("message").asText()).isEqualTo("invoice \"late\"\nsecond line");
      assertThat(warn.path("invoice").asText()).isEqualTo("INV-3");
      assertThat(warn.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
      assertThat(warn.path("host").asText()).isEqualTo("test-host");
      assertThat(warn.path("logger").asText()).isEqualTo("billing.Invoices");
      JsonNode error = server.awaitTotal("service:billing AND level:ERROR", 1).path("events").get(0);
      assertThat(error.path("exception.type").asText()).isEqualTo("java.lang.IllegalArgumentException");
      assertThat(error.path("exception.stacktrace").asText()).contains("at dev.corral.logback.CorralJsonEncoderTest.");
    }
  }
}
