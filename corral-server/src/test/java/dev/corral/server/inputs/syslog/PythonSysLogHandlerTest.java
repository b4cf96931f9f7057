package dev.corral.server.inputs.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's standard {@code logging.handlers.SysLogHandler}, run as a real python3 process, sends
 * to Corral over UDP (one datagram per record) and TCP (NUL-terminated records, no octet count):
 * unicode, logger.exception's multi-line traceback, a large record, and one record whose facility
 * is out of range, so its priority is malformed and it must come back as a dead letter. Skipped
 * when python3 is missing, except under CI=true.
 */
class PythonSysLogHandlerTest {
  /**
   * argv: transport, port, large size. The formatter writes an RFC 3164 tag with the pid; the
   * handler adds {@code <PRI>} (RFC 3164 without timestamp or hostname) and a NUL.
   */
  private static final String SCRIPT = """
      import logging, logging.handlers, socket, sys
      transport, port, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
      handler = logging.handlers.SysLogHandler(address=("127.0.0.1", port), facility="local1",
          socktype=socket.SOCK_DGRAM if transport == "udp" else socket.SOCK_STREAM)
      handler.setFormatter(logging.Formatter("py-" + transport + "[%(process)d]: %(message)s"))
      log = logging.getLogger("corral")
      log.addHandler(handler)
      log.setLevel(logging.DEBUG)
      log.warning("UNICODE_PLACEHOLDER")
      handler.facility = 999  # <7995>: out of range
      log.error("malformed priority")
      handler.facility = "local1"
      try:
          1 / 0
      except ZeroDivisionError:
          log.exception("payment failed")
      log.info("large" + "".join(" word%d" % i for i in range(size // 8)))
      handler.close()
      """;

  @TempDir
  Path dir;

  @Test
  void sysLogHandlerOverUdp() throws Exception {
    send("udp", Map.of("syslog.udp_port", "0"), SyslogInputs.UDP, 40 * 1024);
  }

  @Test
  void sysLogHandlerOverTcpWithNulTerminatedRecords() throws Exception {
    send("tcp", Map.of("syslog.tcp_port", "0"), SyslogInputs.TCP, 60 * 1024);
  }

  private void send(String transport, Map<String, String> settings, String listener, int largeBytes) throws Exception {
    Path python = Peers.require("python3", "python3", Path.of("/usr/bin/python3"), Path.of("/usr/local/bin/python3"));
    Path script = dir.resolve("send.py");
    Files.writeString(script, SCRIPT.replace("UNICODE_PLACEHOLDER", SenderSamples.UNICODE));
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("corral")), settings)) {
      Peers.run(dir, python.toString(), script.toString(), transport,
          String.valueOf(server.server().inputPort(listener)), String.valueOf(largeBytes));

      String app = "py-" + transport;
      JsonNode stored = server.awaitTotal("service:" + app, 3);
      for (JsonNode event : stored.path("events")) {
        assertThat(event.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("syslog.facility").asText()).isEqualTo("local1");
        assertThat(event.path("syslog.procid").asText()).matches("[0-9]+");
      }
      JsonNode unicode = Peers.event(stored, "unicode");
      assertThat(unicode.path("message").asText()).isEqualTo(SenderSamples.UNICODE);
      assertThat(unicode.path("level").asText()).isEqualTo("WARN");
      JsonNode exception = Peers.event(stored, "payment failed");
      assertThat(exception.path("level").asText()).isEqualTo("ERROR");
      assertThat(exception.path("message").asText()).startsWith("payment failed\nTraceback (most recent call last):\n")
          .endsWith("\nZeroDivisionError: division by zero");
      JsonNode large = Peers.event(stored, "large");
      assertThat(large.path("level").asText()).isEqualTo("INFO");
      assertThat(large.path("message").asText()).hasSizeGreaterThan(largeBytes - 16).endsWith("word" + (largeBytes / 8 - 1));

      JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:" + listener, 1).path("events").get(0);
      assertThat(letter.path("dead_letter.reason").asText()).startsWith("priority <7995> is out of range");
      assertThat(letter.path("dead_letter.excerpt").asText()).contains("malformed priority");
    }
  }
}
