package dev.corral.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.client.ClientStats;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/** Events logged through a real Logback configuration (src/test/resources/logback-corral.xml) reach a real server. */
class CorralAppenderTest {
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
  void eventsArriveSearchableWithLevelServiceLoggerExceptionMdcKeyValuesAndMarkers() throws Exception {
    LoggerContext context = LogbackContexts.configure("logback-corral.xml",
        Map.of("CORRAL_URL", server.uri("").toString()));
    Logger log = context.getLogger("shop.checkout.PaymentService");
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("request_id", "req-7");
    try {
      log.atInfo().addKeyValue("order_id", "A-17").addKeyValue("amount_cents", 1299).log("order placed");
      log.error(MarkerFactory.getMarker("ALERT"), "payment failed",
          new IllegalStateException("card declined", new java.io.IOException("gateway reset")));
    } finally {
      MDC.clear();
    }
    log.debug("cache warmed");
    CorralAppender appender = LogbackContexts.corralAppender(context);
    context.stop();

    assertThat(appender.stats()).extracting(ClientStats::logged, ClientStats::delivered, ClientStats::dropped)
        .containsExactly(3L, 3L, 0L);
    server.awaitTotal("service:checkout", 3);
    JsonNode info = one("service:checkout AND level:INFO");
    assertThat(info.path("message").asText()).isEqualTo("order placed");
    assertThat(info.path("logger").asText()).isEqualTo("shop.checkout.PaymentService");
    assertThat(info.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(info.path("environment").asText()).isEqualTo("test");
    assertThat(info.path("version").asText()).isEqualTo("1.4.2");
    assertThat(info.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(info.path("request_id").asText()).isEqualTo("req-7");
    assertThat(info.path("order_id").asText()).isEqualTo("A-17");
    assertThat(info.path("amount_cents").asInt()).isEqualTo(1299);
    JsonNode error = one("service:checkout AND exception.type:java.lang.IllegalStateException");
    assertThat(error.path("level").asText()).isEqualTo("ERROR");
    assertThat(error.path("exception.message").asText()).isEqualTo("card declined");
    assertThat(error.path("exception.stacktrace").asText())
        .startsWith("java.lang.IllegalStateException: card declined")
        .contains("\tat dev.corral.logback.CorralAppenderTest.")
        .contains("Caused by: java.io.IOException: gateway reset");
    assertThat(error.path("markers").asText()).isEqualTo("[\"ALERT\"]");
    assertThat(error.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    JsonNode debug = one("service:checkout AND level:DEBUG");
    assertThat(debug.has("trace_id")).isFalse();
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  @Test
  void aMissingUrlOrServiceLeavesTheAppenderStoppedWithAnError() throws Exception {
    CorralAppender appender = new CorralAppender();
    LoggerContext context = new LoggerContext();
    appender.setContext(context);
    appender.setName("CORRAL");
    appender.setService("checkout");

    appender.start();

    assertThat(appender.isStarted()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList()).anyMatch(status -> status.getMessage()
        .contains("needs <url>"));
    appender.setUrl("http://127.0.0.1:1");
    appender.setDropPolicy("drop_oldest");
    appender.start();
    assertThat(appender.isStarted()).isFalse();
    assertThat(context.getStatusManager().getCopyOfStatusList()).anyMatch(status -> status.getMessage()
        .contains("dropPolicy 'drop_oldest'"));
  }

  private JsonNode one(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }
}
