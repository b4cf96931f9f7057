package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import biz.paluch.logging.gelf.intern.ErrorReporter;
import biz.paluch.logging.gelf.intern.GelfMessage;
import biz.paluch.logging.gelf.intern.GelfSender;
import biz.paluch.logging.gelf.intern.GelfSenderConfiguration;
import biz.paluch.logging.gelf.intern.GelfSenderFactory;
import biz.paluch.logging.gelf.intern.sender.GelfTCPSender;
import biz.paluch.logging.gelf.intern.sender.GelfUDPSender;
import biz.paluch.logging.gelf.logback.GelfLogbackAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real GELF sender, logstash-gelf 1.15.1, over UDP (its default transport: gzip'd, chunked past
 * 8 KiB) and TCP ({@code tcp:} host prefix, NUL-framed): its senders through
 * {@link GelfSenderFactory}, and its Logback appender over UDP. Unicode, a multi-line stack trace, a
 * 64 KiB message (chunked over UDP) and a message GELF forbids are sent; every event is found through
 * the search API with the right canonical fields, the forbidden one as a dead letter.
 */
class LogstashGelfSocketSenderTest {
  private static final long SENT_AT_MILLIS = 1_795_262_400_123L; // 2026-11-21T12:00:00.123Z
  private static final String SENT_AT = "2026-11-21T12:00:00.123Z";
  private static final String UNICODE = "Grüße aus Zürich, 世界, emoji 🚀 — done";
  private static final String STACK_TRACE = "java.lang.IllegalStateException: card expired\n"
      + "\tat com.shop.Payments.charge(Payments.java:42)\n\tat com.shop.Checkout.run(Checkout.java:7)\n"
      + "Caused by: java.io.IOException: issuer unreachable\n\t... 2 more";

  @TempDir
  Path data;
  TestServer server;
  final List<String> senderErrors = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("gelf.udp_port", "0", "gelf.tcp_port", "0"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private GelfSender sender(String host, int port) {
    ErrorReporter reporter = (message, e) -> senderErrors.add(message + (e == null ? "" : ": " + e));
    return GelfSenderFactory.createSender(new GelfSenderConfiguration() {
      @Override
      public String getHost() {
        return host;
      }

      @Override
      public int getPort() {
        return port;
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
  }

  private static GelfMessage message(String shortMessage, String level, String service, String traceId) {
    GelfMessage message = new GelfMessage(shortMessage, null, SENT_AT_MILLIS, level);
    message.setVersion(GelfMessage.GELF_VERSION_1_1);
    message.setHost("pay-host-1");
    message.addField("service", service);
    message.addField("trace_id", traceId);
    return message;
  }

  /** 64 KiB of random text: gzip cannot shrink it below the 8 KiB UDP chunk size. */
  private static String incompressible(String prefix) {
    byte[] random = new byte[48 * 1024];
    new Random(7).nextBytes(random);
    return prefix + Base64.getEncoder().encodeToString(random);
  }

  @Test
  void udpSenderMessagesIncludingAChunkedOneAreSearchable() throws Exception {
    GelfSender sender = sender("udp:127.0.0.1", server.server().inputPort("gelf-udp"));
    assertThat(sender).isInstanceOf(GelfUDPSender.class);
    sendAll(sender, "udp-sender", true);
  }

  @Test
  void tcpSenderMessagesAreSearchable() throws Exception {
    GelfSender sender = sender("tcp:127.0.0.1", server.server().inputPort("gelf-tcp"));
    assertThat(sender).isInstanceOf(GelfTCPSender.class);
    sendAll(sender, "tcp-sender", false);
  }

  private void sendAll(GelfSender sender, String service, boolean udp) throws Exception {
    String input = udp ? "gelf-udp" : "gelf-tcp";
    GelfMessage unicode = message(UNICODE, "6", service, service + "-unicode");
    GelfMessage trace = message("payment failed", "3", service, service + "-stack");
    trace.setFullMessage(STACK_TRACE);
    String large = incompressible("L");
    GelfMessage big = message(large, "4", service, service + "-large");
    if (udp) {
      assertThat(big.toUDPBuffers()).as("logstash-gelf chunks it").hasSizeGreaterThan(1);
    }
    GelfMessage noShortMessage = message("", "3", service, service + "-invalid");
    noShortMessage.setFullMessage("only a full message, which GELF does not allow alone");
    for (GelfMessage message : List.of(unicode, trace, big, noShortMessage)) {
      assertThat(sender.sendMessage(message)).isTrue();
    }
    sender.close();
    assertThat(senderErrors).isEmpty();

    server.awaitTotal("service:" + service, 3);
    JsonNode u = event("trace_id:" + service + "-unicode");
    assertThat(u.path("message").asText()).isEqualTo(UNICODE);
    assertThat(u.path("level").asText()).isEqualTo("INFO");
    assertThat(u.path("host").asText()).isEqualTo("pay-host-1");
    assertThat(u.path("timestamp").asText()).isEqualTo(SENT_AT);
    assertThat(u.path("facility").asText()).isEqualTo("logstash-gelf");

    JsonNode t = event("trace_id:" + service + "-stack");
    assertThat(t.path("message").asText()).isEqualTo("payment failed");
    assertThat(t.path("level").asText()).isEqualTo("ERROR");
    assertThat(t.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(t.path("exception.stacktrace").asText()).isEqualTo(STACK_TRACE);

    JsonNode b = event("trace_id:" + service + "-large");
    assertThat(b.path("message").asText()).isEqualTo(large);
    assertThat(b.path("level").asText()).isEqualTo("WARN");

    JsonNode letter = event("logtype:dead_letter AND dead_letter.input:" + input);
    assertThat(letter.path("dead_letter.reason").asText()).contains("no short_message");
    assertThat(letter.path("dead_letter.excerpt").asText()).contains(service + "-invalid");
  }

  @Test
  void logbackAppenderOverUdpCarriesMdcStackTraceAndChunkedMessages() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    GelfLogbackAppender appender = new GelfLogbackAppender();
    appender.setContext(context);
    appender.setName("gelf-udp-test");
    appender.setHost("udp:127.0.0.1");
    appender.setPort(server.server().inputPort("gelf-udp"));
    appender.setOriginHost("logback-host");
    appender.setFacility("orders");
    appender.setVersion("1.1");
    appender.setAdditionalFields("service=order-udp");
    appender.setMdcFields("trace_id");
    appender.setExtractStackTrace("true");
    appender.start();
    String large = incompressible("order dump: ");
    LogbackGelfRun.logThree(context, appender, "dev.corral.test.gelf.udp", "lb-udp", UNICODE, large);

    server.awaitTotal("service:order-udp", 3);
    assertThat(event("trace_id:lb-udp-unicode").path("message").asText()).isEqualTo(UNICODE);
    JsonNode e = event("trace_id:lb-udp-error");
    assertThat(e.path("level").asText()).isEqualTo("ERROR");
    assertThat(e.path("exception.type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.path("exception.stacktrace").asText()).contains("\tat ");
    JsonNode l = event("trace_id:lb-udp-large");
    assertThat(l.path("message").asText()).as("the whole chunked message").isEqualTo(large);
    assertThat(l.path("host").asText()).isEqualTo("logback-host");
  }

  private JsonNode event(String query) throws InterruptedException {
    return server.awaitTotal(query, 1).path("events").get(0);
  }
}
