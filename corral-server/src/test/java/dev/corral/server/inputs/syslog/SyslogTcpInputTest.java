package dev.corral.server.inputs.syslog;

import static dev.corral.server.inputs.syslog.Peers.counted;
import static dev.corral.server.inputs.syslog.Peers.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over plain TCP, from a raw socket: framing, field mapping and every kind of bad input. */
class SyslogTcpInputTest {
  @TempDir
  Path dir;

  private TestServer start(Map<String, String> more) throws IOException {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("syslog.tcp_port", "0", "sockets.idle_timeout", "1s",
        "ingest.max_event_bytes", "4KiB"));
    settings.putAll(more);
    return TestServer.start(dir, settings);
  }

  private static Socket connect(TestServer server) throws IOException {
    return new Socket("127.0.0.1", server.server().inputPort(SyslogInputs.TCP));
  }

  private static void send(TestServer server, byte[]... chunks) throws IOException {
    try (Socket socket = connect(server); OutputStream out = socket.getOutputStream()) {
      for (byte[] chunk : chunks) {
        out.write(chunk);
      }
      out.flush();
    }
  }

  /**
   * A refusal of the ingest sink reaches a socket input as backpressure, never as a status: with the
   * disk nearly full the batch is held and retried (nothing stored), and each refused attempt is
   * counted for {@code syslog-tcp} in {@code /metrics} and in the input's stats.
   */
  @Test
  void aNearlyFullDiskHoldsTheBatchAndEachRefusalIsCountedForTheInput() throws Exception {
    try (TestServer server = start(Map.of("storage.min_free_bytes", "1024TiB"))) {
      send(server, utf8("<11>1 - web-1 held-app - - - no room on the disk\n"));
      long refused = 0;
      while (refused == 0) { // the listener decodes and hands over the batch: wait for the sink's first refusal
        Thread.sleep(20);
        refused = server.get("/api/v1/stats").json().path("inputs").path(SyslogInputs.TCP).path("refused_requests")
            .asLong();
      }
      assertThat(server.get("/metrics").body())
          .contains("corral_ingest_refused_requests_total{input=\"syslog-tcp\",reason=\"disk_full\"}");
      assertThat(server.search("service:held-app").path("total").asLong()).as("held, not stored").isZero();
      assertThat(server.get("/api/v1/stats").json().path("inputs").path(SyslogInputs.TCP).path("events").asLong())
          .isZero();
    }
  }

  @Test
  void framingIsDetectedPerMessageAndTheHeaderMapsToCanonicalFields() throws Exception {
    try (TestServer server = start(Map.of())) {
      send(server,
          counted("<11>1 2026-03-09T10:00:00.123456+01:00 web-1 tcp-app 77 ORDER [o@1 id=\"9\"] failed\n\tat a.B(B.java:1)"),
          utf8("<12>Mar  9 10:00:01 web-2 tcp-app[78]: newline framed\n"),
          counted("<14>1 - web-3 tcp-app - - - counted again"),
          utf8("<15>1 - web-4 tcp-app - - - last without delimiter"));
      send(server, utf8("<11>tcp-app[79]: nul framed\nwith a line feed\u0000<11>tcp-app: second\u0000"));

      JsonNode result = server.awaitTotal("service:tcp-app", 6);
      JsonNode counted = Peers.event(result, "failed");
      assertThat(counted.path("message").asText()).isEqualTo("failed\n\tat a.B(B.java:1)");
      assertThat(counted.path("level").asText()).isEqualTo("ERROR");
      assertThat(counted.path("host").asText()).isEqualTo("web-1");
      assertThat(counted.path("syslog.procid").asText()).isEqualTo("77");
      assertThat(counted.path("syslog.msgid").asText()).isEqualTo("ORDER");
      assertThat(counted.path("sd.o@1.id").asText()).isEqualTo("9");
      assertThat(counted.path("syslog.facility").asText()).isEqualTo("user");
      assertThat(counted.path("timestamp").asText()).startsWith("2026-03-09T09:00:00.123456");
      assertThat(Peers.event(result, "newline framed").path("level").asText()).isEqualTo("WARN");
      assertThat(Peers.event(result, "newline framed").path("host").asText()).isEqualTo("web-2");
      assertThat(Peers.event(result, "counted again").path("host").asText()).isEqualTo("web-3");
      assertThat(Peers.event(result, "last without").path("level").asText()).isEqualTo("DEBUG");
      assertThat(Peers.event(result, "nul framed").path("message").asText()).isEqualTo("nul framed\nwith a line feed");
      assertThat(Peers.event(result, "nul framed").path("host").asText()).isEqualTo("127.0.0.1");
      assertThat(Peers.event(result, "second").path("message").asText()).isEqualTo("second");
    }
  }

  @Test
  void undecodableMessagesBecomeDeadLettersAndTheConnectionGoesOn() throws Exception {
    try (TestServer server = start(Map.of())) {
      byte[] garbage = new byte[300];
      new java.util.Random(7).nextBytes(garbage);
      send(server, utf8("<999>bad priority\n"), utf8("<34>1 - h bad-app - - [broken sd\n"),
          counted("<13>" + "x".repeat(5000)), utf8("<13>" + "y".repeat(5000) + "\n"), garbage, utf8("\n"),
          utf8("<14>1 - h ok-app - - - still served\n"));

      server.awaitTotal("service:ok-app", 1);
      JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:syslog-tcp", 4);
      assertThat(Peers.deadLetter(letters, "priority <999> is out of range").path("dead_letter.excerpt").asText())
          .isEqualTo("<999>bad priority");
      assertThat(Peers.deadLetter(letters, "structured data").path("dead_letter.reason").asText())
          .startsWith("RFC 5424 structured data: expected PARAM-NAME=\"VALUE\" in element [broken] (at byte 31) (from 127.0.0.1:");
      assertThat(Peers.deadLetter(letters, "message of 5004 bytes is larger than the limit of 4096").path("dead_letter.bytes")
          .asLong()).isEqualTo(5004);
      assertThat(Peers.deadLetter(letters, "discarded up to the next line feed").path("dead_letter.excerpt").asText())
          .startsWith("<13>yyy");
    }
  }

  @Test
  void frameLengthThatLiesOrIsAbsurdClosesTheConnectionWithADeadLetter() throws Exception {
    try (TestServer server = start(Map.of())) {
      try (Socket lying = connect(server)) {
        lying.getOutputStream().write(utf8("5 <13>hello world\n"));
        assertThat(Peers.closedByServer(lying)).isTrue();
      }
      try (Socket absurd = connect(server)) {
        absurd.getOutputStream().write(utf8("999999999 <13>x"));
        assertThat(Peers.closedByServer(absurd)).isTrue();
      }
      send(server, utf8("60 <13>truncated"));

      JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:syslog-tcp", 3);
      Peers.deadLetter(letters, "octet-counted frame length did not match its message");
      Peers.deadLetter(letters, "frame length 999999999 is absurd");
      Peers.deadLetter(letters, "connection closed after 13 of 60 bytes of an octet-counted frame");
      assertThat(server.search("service:h").path("total").asLong()).isZero();
    }
  }

  @Test
  void slowlorisAndStalledMessagesAreEndedByTheIdleTimeoutWithADeadLetter() throws Exception {
    try (TestServer server = start(Map.of())) {
      try (Socket idle = connect(server); Socket stalled = connect(server); Socket trickling = connect(server)) {
        stalled.getOutputStream().write(utf8("<13>1 - h app - - - never finished"));
        OutputStream slow = trickling.getOutputStream();
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean closed = false;
        for (byte b : utf8("<13>1 - h app - - - one byte at a time, each within the idle timeout".repeat(10))) {
          try {
            slow.write(b);
            slow.flush();
          } catch (IOException e) {
            closed = true;
            break;
          }
          Thread.sleep(300);
          if (System.nanoTime() > deadline) {
            break;
          }
        }
        assertThat(closed || Peers.closedByServer(trickling)).as("trickling connection closed").isTrue();
        assertThat(Peers.closedByServer(stalled)).isTrue();
        assertThat(Peers.closedByServer(idle)).isTrue();
      }
      JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:syslog-tcp", 2);
      assertThat(Peers.deadLetter(letters, "inside a message").path("dead_letter.excerpt").asText())
          .isEqualTo("<13>1 - h app - - - never finished");
      Peers.deadLetter(letters, "message still incomplete PT1S (sockets.idle_timeout) after its first byte");
      send(server, utf8("<14>1 - h after-app - - - the listener still serves\n"));
      server.awaitTotal("service:after-app", 1);
    }
  }

  @Test
  void manyMessagesOnOneConnectionArriveComplete() throws Exception {
    try (TestServer server = start(Map.of())) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      for (int i = 0; i < 5000; i++) {
        stream.write(i % 2 == 0 ? counted("<14>1 - h bulk-app - - - message " + i) : utf8("<14>bulk-app: message " + i + "\n"));
      }
      send(server, stream.toByteArray());
      server.awaitTotal("service:bulk-app", 5000);
    }
  }
}
