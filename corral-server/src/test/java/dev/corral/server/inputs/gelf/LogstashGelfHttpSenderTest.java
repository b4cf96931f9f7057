package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import biz.paluch.logging.gelf.intern.ErrorReporter;
import biz.paluch.logging.gelf.intern.GelfMessage;
import biz.paluch.logging.gelf.intern.GelfSender;
import biz.paluch.logging.gelf.intern.GelfSenderConfiguration;
import biz.paluch.logging.gelf.intern.GelfSenderFactory;
import biz.paluch.logging.gelf.intern.sender.GelfHTTPSender;
import biz.paluch.logging.gelf.logback.GelfLogbackAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A real GELF HTTP sender, logstash-gelf 1.15.1, pointed at {@code http://127.0.0.1:<port>/gelf}:
 * its {@link GelfHTTPSender} (through {@link GelfSenderFactory}, GELF 1.0 and 1.1 messages) and its
 * Logback appender (MDC trace_id, extracted stack trace, a 64 KiB message). Every message is found
 * again through the search API with the right canonical fields; a message GELF forbids comes back
 * as a dead letter while the rest are accepted.
 */
class LogstashGelfHttpSenderTest {
  private static final long SENT_AT_MILLIS = 1_795_262_400_123L; // 2026-11-21T12:00:00.123Z
  private static final String SENT_AT = "2026-11-21T12:00:00.123Z";
  private static final String UNICODE = "Grüße aus Zürich, 世界, emoji 🚀 — done";

  @TempDir
  Path data;
  TestServer server;
  final List<String> senderErrors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private GelfSender httpSender() {
    String url = server.server().url() + "/gelf";
    ErrorReporter reporter = (message, e) -> senderErrors.add(message + (e == null ? "" : ": " + e));
    GelfSender sender = GelfSenderFactory.createSender(new GelfSenderConfiguration() {
      @Override
      public String getHost() {
        return url;
      }

      @Override
      public int getPort() {
        return 0;
      }

      @Override
      public ErrorReporter getErrorReporter() {
        return reporter;
      }

      @Override
      public Map<String, Object> getSpecificConfigurations() {
        return Map.of();
      }
    });
    assertThat(sender).isInstanceOf(GelfHTTPSender.class);
    return sender;
  }

  private static GelfMessage message(String version, String shortMessage, String level, String traceId) {
    GelfMessage message = new GelfMessage(shortMessage, null, SENT_AT_MILLIS, level);
    message.setVersion(version);
    message.setHost("pay-host-1");
    message.addField("service", "checkout");
    message.addField("trace_id", traceId);
    return message;
  }

  @Test
  void gelfHttpSenderMessagesAreSearchableWithCanonicalFields() throws Exception {
    GelfSender sender = httpSender();
    GelfMessage unicode = message(GelfMessage.GELF_VERSION_1_1, UNICODE, "6", "trace-unicode");
    GelfMessage trace = message(GelfMessage.GELF_VERSION_1_1, "payment failed", "3", "trace-stack");
    trace.setFullMessage("java.lang.IllegalStateException: card expired\n"
        + "\tat com.shop.Payments.charge(Payments.java:42)\n\tat com.shop.Checkout.run(Checkout.java:7)\n"
        + "Caused by: java.io.IOException: issuer unreachable\n\t... 2 more");
    String large = "L" + "0123456789abcdef".repeat(4096); // 64 KiB + 1
    GelfMessage big = message(GelfMessage.GELF_VERSION_1_0, large, "4", "trace-large");
    GelfMessage noShortMessage = message(GelfMessage.GELF_VERSION_1_1, "", "3", "trace-invalid");
    noShortMessage.setFullMessage("only a full message, which GELF does not allow alone");

    assertThat(sender.sendMessage(unicode)).isTrue();
    assertThat(sender.sendMessage(trace)).isTrue();
    assertThat(sender.sendMessage(big)).isTrue();
    assertThat(senderErrors).isEmpty();
    assertThat(sender.sendMessage(noShortMessage)).as("GELF requires short_message").isFalse();
    assertThat(senderErrors).singleElement().asString().contains("400");
    sender.close();

    server.awaitTotal("service:checkout", 3);
    JsonNode u = event("trace_id:trace-unicode");
    assertThat(u.path("message").asText()).isEqualTo(UNICODE);
    assertThat(u.path("level").asText()).isEqualTo("INFO");
    assertThat(u.path("host").asText()).isEqualTo("pay-host-1");
    assertThat(u.path("service").asText()).isEqualTo("checkout");
    assertThat(u.path("timestamp").asText()).isEqualTo(SENT_AT);
    assertThat(u.path("facility").asText()).isEqualTo("logstash-gelf");
    assertThat(u.has("version")).as("GELF version is not the service version").isFalse();

    JsonNode t = event("trace_id:trace-stack");
    assertThat(t.path("message").asText()).isEqualTo("payment failed");
    assertThat(t.path("level").asText()).isEqualTo("ERROR");
    assertThat(t.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(t.path("exception.stacktrace").asText()).contains("Payments.java:42").contains("Caused by");

    JsonNode b = event("trace_id:trace-large");
    assertThat(b.path("message").asText()).isEqualTo(large);
    assertThat(b.path("level").asText()).isEqualTo("WARN");
    assertThat(b.path("timestamp").asText()).as("GELF 1.0 timestamp as text").isEqualTo(SENT_AT);

    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:gelf", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).contains("no short_message");
    assertThat(letter.path("dead_letter.excerpt").asText()).contains("trace-invalid");
  }

  @Test
  void logbackAppenderOverHttpCarriesMdcStackTraceAndLargeMessages() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    GelfLogbackAppender appender = new GelfLogbackAppender();
    appender.setContext(context);
    appender.setName("gelf-http-test");
    appender.setHost(server.server().url() + "/gelf");
    appender.setOriginHost("logback-host");
    appender.setFacility("orders");
    appender.setVersion("1.1");
    appender.setAdditionalFields("service=order-service");
    appender.setMdcFields("trace_id");
    appender.setExtractStackTrace("true");
    appender.start();
    String large = "order dump: " + "x".repeat(64 * 1024);
    LogbackGelfRun.logThree(context, appender, "dev.corral.test.gelf.http", "lb", UNICODE, large);

    server.awaitTotal("service:order-service", 3);
    JsonNode u = event("trace_id:lb-unicode");
    assertThat(u.path("message").asText()).isEqualTo(UNICODE);
    assertThat(u.path("level").asText()).isEqualTo("INFO");
    assertThat(u.path("host").asText()).isEqualTo("logback-host");
    assertThat(u.path("facility").asText()).isEqualTo("orders");
    JsonNode e = event("trace_id:lb-error");
    assertThat(e.path("message").asText()).isEqualTo("order 7 failed");
    assertThat(e.path("level").asText()).isEqualTo("ERROR");
    assertThat(e.path("exception.type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.path("exception.message").asText()).isEqualTo("negative amount");
    assertThat(e.path("exception.stacktrace").asText()).contains("\tat ");
    JsonNode l = event("trace_id:lb-large");
    assertThat(l.path("message").asText()).as("the whole message, not the sender's 250-character cut").isEqualTo(large);
    assertThat(l.path("level").asText()).isEqualTo("WARN");
  }

  private JsonNode event(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }
}
