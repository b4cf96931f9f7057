package dev.corral.server.inputs.syslog;

import static dev.corral.server.inputs.syslog.Peers.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over UDP from a raw socket: one or several messages per datagram, limits, bad input. */
class SyslogUdpInputTest {
  @TempDir
  Path dir;

  private static void send(TestServer server, byte[] datagram) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
          server.server().inputPort(SyslogInputs.UDP)));
    }
  }

  @Test
  void datagramsHoldOneOrSeveralMessagesAndStackTracesStayWhole() throws Exception {
    try (TestServer server = TestServer.start(dir, Map.of("syslog.udp_port", "0", "ingest.max_event_bytes", "4KiB"))) {
      send(server, utf8("<11>1 2026-03-09T10:00:00Z web-1 udp-app - - - boom\njava.lang.Error: x\n\tat a.B(B.java:1)\n"));
      send(server, utf8("<14>udp-app: first\n<14>udp-app: second\n<13>Mar  9 10:00:00 web-2 udp-app[5]: third\u0000"));
      send(server, utf8("<14>udp-app: " + "z".repeat(5000)));
      send(server, utf8("<300>udp-app: bad priority"));
      send(server, new byte[] {'<', '1', '4', '>', 'u', 'd', 'p', '-', 'a', 'p', 'p', ':', ' ', (byte) 0xC3, (byte) 0x28});

      JsonNode result = server.awaitTotal("service:udp-app", 5);
      assertThat(Peers.event(result, "boom").path("message").asText()).isEqualTo("boom\njava.lang.Error: x\n\tat a.B(B.java:1)");
      assertThat(Peers.event(result, "boom").path("level").asText()).isEqualTo("ERROR");
      assertThat(Peers.event(result, "third").path("host").asText()).isEqualTo("web-2");
      assertThat(Peers.event(result, "third").path("syslog.procid").asText()).isEqualTo("5");
      assertThat(Peers.event(result, "first").path("host").asText()).isEqualTo("127.0.0.1");
      assertThat(Peers.event(result, "\uFFFD(").path("message").asText()).as("invalid UTF-8 replaced").isEqualTo("\uFFFD(");
      Peers.event(result, "second");
      JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:syslog-udp", 2);
      assertThat(Peers.deadLetter(letters, "message of 5013 bytes is larger than the limit of 4096").path("dead_letter.excerpt")
          .asText()).startsWith("<14>udp-app: zzz");
      Peers.deadLetter(letters, "priority <300> is out of range");
    }
  }
}
