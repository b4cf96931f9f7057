package dev.corral.server.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.inputs.syslog.SyslogInputs;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline's {@code multiline} block on a TCP syslog connection, the streaming case: a Java trace
 * sent as one syslog message per line (as Logback's syslog appender sends it) is one event; the last
 * group of a connection that stays open is stored once its flush timeout passes (the socket is still
 * open when the event is found), and a connection that ends stores its open group at once.
 */
class MultilineSyslogTcpTest {
  private static final String PIPELINE = """
      id: java
      multiline:
        preset: java
        flush_timeout: %s
      processors:
        - set: {field: parsed_by, value: java}
      """;

  @TempDir
  Path data;

  @Test
  void theLastGroupOfAnOpenConnectionIsStoredWhenItsFlushTimeoutPasses() throws Exception {
    try (TestServer server = start("200ms");
        Socket socket = new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TCP))) {
      OutputStream out = socket.getOutputStream();
      write(out, "started", "order 42 failed", "java.lang.IllegalStateException: payment declined",
          "\tat com.example.shop.PaymentService.charge(PaymentService.java:88)", "\t... 12 more");

      JsonNode events = server.awaitTotal("service:shop", 2).path("events");
      assertThat(socket.isClosed()).isFalse();
      JsonNode trace = find(events, "order 42 failed");
      assertThat(trace.path("message").asText()).isEqualTo("order 42 failed\njava.lang.IllegalStateException: payment "
          + "declined\n\tat com.example.shop.PaymentService.charge(PaymentService.java:88)\n\t... 12 more");
      assertThat(trace.path("multiline.lines").asLong()).isEqualTo(4);
      assertThat(trace.path("parsed_by").asText()).as("the pipeline ran on the joined event").isEqualTo("java");
      assertThat(trace.path("host").asText()).isEqualTo("web-1");

      write(out, "\tat com.example.shop.Late.run(Late.java:1)", "order 43 placed");
      server.awaitTotal("service:shop", 4);
      assertThat(server.search("service:shop AND message:\"order 42 failed\"").path("total").asLong())
          .as("a frame after the cut is an event of its own, the stored trace stays as it was").isEqualTo(1);
    }
  }

  @Test
  void aConnectionThatEndsStoresItsOpenGroupAtOnce() throws Exception {
    try (TestServer server = start("10m")) {
      try (Socket socket = new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TCP))) {
        write(socket.getOutputStream(), "order 44 failed", "java.io.IOException: broken pipe",
            "\tat com.example.shop.Http.send(Http.java:9)");
      }
      JsonNode event = server.awaitTotal("service:shop", 1).path("events").get(0);
      assertThat(event.path("message").asText()).isEqualTo("order 44 failed\njava.io.IOException: broken pipe\n"
          + "\tat com.example.shop.Http.send(Http.java:9)");
    }
  }

  private TestServer start(String flushTimeout) throws Exception {
    TestServer server = TestServer.start(data, Map.of("syslog.tcp_port", "0", "pipelines.inputs", "syslog-tcp=java"));
    TestServer.Reply put = server.send("PUT", "/api/v1/pipelines/java", PIPELINE.formatted(flushTimeout),
        "Content-Type", "application/yaml");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    return server;
  }

  /** Each line as one RFC 5424 message, octet-counted (a message may hold a tab or start with one). */
  private static void write(OutputStream out, String... lines) throws Exception {
    for (String line : lines) {
      byte[] message = ("<11>1 - web-1 shop - - - " + line).getBytes(StandardCharsets.UTF_8);
      out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(message);
    }
    out.flush();
  }

  private static JsonNode find(JsonNode events, String start) {
    for (JsonNode event : events) {
      if (event.path("message").asText().startsWith(start)) {
        return event;
      }
    }
    throw new AssertionError("no event starting with " + start + " in " + events);
  }
}
