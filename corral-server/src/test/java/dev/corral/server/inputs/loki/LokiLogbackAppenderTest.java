package dev.corral.server.inputs.loki;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The real Loki client for Logback, loki4j's {@code Loki4jAppender} (2.0.x), pushing to Corral in
 * both of its formats with the configuration documented in docs/inputs/loki.md.
 */
class LokiLogbackAppenderTest {
  /** JSON push: the level travels as a stream label, the line is a text pattern with the stack trace. */
  private static final String JSON_CONFIG = """
      <configuration>
        <appender name="LOKI" class="com.github.loki4j.logback.Loki4jAppender">
          <http>
            <url>${CORRAL_URL}/loki/api/v1/push</url>
          </http>
          <batch>
            <timeoutMs>100</timeoutMs>
          </batch>
          <labels>
            service_name = checkout
            level = %level
            host = ${HOSTNAME}
          </labels>
          <structuredMetadata>off</structuredMetadata>
          <message>
            <pattern>%msg%n%ex</pattern>
          </message>
        </appender>
        <root level="DEBUG">
          <appender-ref ref="LOKI"/>
        </root>
      </configuration>
      """;

  /** Protobuf push: the level travels as structured metadata, the line is loki4j's JSON layout. */
  private static final String PROTOBUF_CONFIG = """
      <configuration>
        <appender name="LOKI" class="com.github.loki4j.logback.Loki4jAppender">
          <http>
            <url>${CORRAL_URL}/loki/api/v1/push</url>
            <useProtobufApi>true</useProtobufApi>
          </http>
          <batch>
            <timeoutMs>100</timeoutMs>
          </batch>
          <labels>
            service_name = inventory
            host = ${HOSTNAME}
          </labels>
          <structuredMetadata>
            level = %level
            thread = %thread
          </structuredMetadata>
          <message class="com.github.loki4j.logback.JsonLayout"/>
        </appender>
        <root level="DEBUG">
          <appender-ref ref="LOKI"/>
        </root>
      </configuration>
      """;

  private static final String UNICODE = "order placed ✓ café 日本語 Ωmega 🚀";
  private static final String LARGE = "large payload " + "0123456789abcdef".repeat(4096);

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
  void jsonPushesOfTheLoki4jAppenderAreSearchableWithServiceLevelMessageAndTime() throws Exception {
    Instant before = Instant.now();
    logEverything(JSON_CONFIG);
    Instant after = Instant.now();

    JsonNode all = server.awaitTotal("service:checkout", 4);
    for (JsonNode event : all.path("events")) {
      Instant at = Instant.parse(event.path("timestamp").asText());
      assertThat(at).isBetween(before.minusMillis(1), after.plusMillis(1));
      assertThat(event.path("host").asText()).isEqualTo("test-host");
    }
    JsonNode info = one("service:checkout AND level:INFO");
    assertThat(info.path("message").asText()).isEqualTo(UNICODE);
    JsonNode error = one("service:checkout AND level:ERROR");
    assertThat(error.path("message").asText())
        .startsWith("payment failed\njava.lang.IllegalStateException: card declined ✗")
        .contains("\n\tat dev.corral.server.inputs.loki.LokiLogbackAppenderTest.");
    JsonNode large = one("service:checkout AND level:WARN");
    assertThat(large.path("message").asText()).isEqualTo(LARGE);
    assertThat(one("service:checkout AND level:DEBUG").path("message").asText()).isEqualTo("cache warmed");
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  @Test
  void protobufPushesOfTheLoki4jAppenderAreSearchableWithServiceLevelMessageAndTime() throws Exception {
    Instant before = Instant.now();
    logEverything(PROTOBUF_CONFIG);
    Instant after = Instant.now();

    JsonNode all = server.awaitTotal("service:inventory", 4);
    for (JsonNode event : all.path("events")) {
      Instant at = Instant.parse(event.path("timestamp").asText());
      assertThat(at).isBetween(before.minusMillis(1), after.plusMillis(1));
      assertThat(event.path("logger").asText()).isEqualTo("shop.checkout");
      assertThat(event.path("thread").asText()).isNotEmpty();
    }
    assertThat(one("service:inventory AND level:INFO").path("message").asText()).isEqualTo(UNICODE);
    JsonNode error = one("service:inventory AND level:ERROR");
    assertThat(error.path("message").asText()).isEqualTo("payment failed");
    assertThat(error.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("exception.stacktrace").asText())
        .startsWith("java.lang.IllegalStateException: card declined ✗")
        .contains("\n\tat dev.corral.server.inputs.loki.LokiLogbackAppenderTest.");
    assertThat(one("service:inventory AND level:WARN").path("message").asText()).isEqualTo(LARGE);
    assertThat(one("service:inventory AND level:DEBUG").path("message").asText()).isEqualTo("cache warmed");
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  /** Configures a fresh Logback context (not the server's own) from {@code xml}, logs, and flushes by stopping. */
  private void logEverything(String xml) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setName("corral-loki-test");
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("CORRAL_URL", server.uri("").toString());
    context.putProperty("HOSTNAME", "test-host");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Logger log = context.getLogger("shop.checkout");
    log.info(UNICODE);
    log.error("payment failed", new IllegalStateException("card declined ✗"));
    log.warn(LARGE);
    log.debug("cache warmed");
    context.stop();
  }

  private JsonNode one(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }
}
