package dev.corral.propagation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import biz.paluch.logging.gelf.logback.GelfLogbackAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.propagation.TraceParent;
import dev.corral.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * End to end: the two services of {@link TwoServices} log to a real Corral server through a real Logback
 * appender (logstash-gelf's, GELF over HTTP, carrying the MDC keys), each as its own service; Corral's trace
 * endpoint then shows one request's events from both services, by trace id and by request id.
 */
class TraceInCorralTest {
  @TempDir
  Path data;

  @Test
  void oneRequestThroughBothServicesIsOneTraceInCorral() throws Exception {
    List<GelfLogbackAppender> appenders = new ArrayList<>();
    try (TestServer corral = TestServer.start(data, Map.of()); TwoServices services = new TwoServices()) {
      appenders.add(shipTo(corral, "shop.a", "checkout"));
      appenders.add(shipTo(corral, "shop.b", "payment"));

      HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(services.uri("/a"))
          .header("X-Request-ID", "e2e-order-17").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).isEqualTo(200);
      String traceId = TraceParent.parse(reply.headers().firstValue("traceparent").orElseThrow()).orElseThrow()
          .traceId();

      corral.awaitTotal("trace_id:" + traceId, 3);
      JsonNode trace = corral.get("/api/v1/trace/" + traceId).json();
      assertThat(trace.path("total").asInt()).isEqualTo(3);
      assertThat(trace.path("services").findValuesAsText("service")).containsExactlyInAnyOrder("checkout", "payment");
      assertThat(trace.path("events")).allSatisfy(event -> {
        assertThat(event.path("trace_id").asText()).isEqualTo(traceId);
        assertThat(event.path("request_id").asText()).isEqualTo("e2e-order-17");
        assertThat(event.path("span_id").asText()).matches("[0-9a-f]{16}");
      });
      assertThat(trace.path("events").findValuesAsText("message"))
          .containsExactly("a received the order", "b charged the card", "a got 200 from b");

      JsonNode byRequest = corral.get("/api/v1/trace/" + URLEncoder.encode("e2e-order-17", StandardCharsets.UTF_8))
          .json();
      assertThat(byRequest.path("total").asInt()).isEqualTo(3);
    } finally {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      for (GelfLogbackAppender appender : appenders) {
        context.getLogger(appender.getName()).detachAppender(appender);
        appender.stop();
      }
    }
  }

  /** A GELF-over-HTTP appender on {@code logger} naming the events' service; it sends each event as it is logged. */
  private static GelfLogbackAppender shipTo(TestServer corral, String logger, String service) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    GelfLogbackAppender appender = new GelfLogbackAppender();
    appender.setContext(context);
    appender.setName(logger);
    appender.setHost(corral.server().url() + "/gelf");
    appender.setOriginHost("test-host");
    appender.setVersion("1.1");
    appender.setAdditionalFields("service=" + service);
    appender.setMdcFields("trace_id,span_id,request_id");
    appender.start();
    Logger target = context.getLogger(logger);
    target.addAppender(appender);
    return appender;
  }
}
