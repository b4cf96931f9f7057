package dev.corral.server.inputs.gelf;

import static dev.corral.server.inputs.gelf.GelfWire.gzip;
import static dev.corral.server.inputs.gelf.GelfWire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GELF over TCP against a running server, with raw sockets: NUL and newline framing, and every kind
 * of bad frame or connection (garbage, oversized, compressed, cut off, slowloris, idle) coming back
 * as a dead letter or a closed connection while other connections carry on.
 */
class GelfTcpInputTest {
  private static final String DEAD_LETTERS = "logtype:dead_letter AND dead_letter.input:gelf-tcp";
  private static final int MAX_EVENT_BYTES = 64 * 1024;

  @TempDir
  Path data;
  TestServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("gelf.tcp_port", "0", "sockets.idle_timeout", "1s",
        "ingest.max_event_bytes", Integer.toString(MAX_EVENT_BYTES)));
    port = server.server().inputPort("gelf-tcp");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static String message(String shortMessage, String traceId) {
    return "{\"version\":\"1.1\",\"host\":\"tcp-host\",\"short_message\":\"" + shortMessage
        + "\",\"level\":4,\"_service\":\"tcp-test\",\"_trace_id\":\"" + traceId + "\"}";
  }

  private void sendAndClose(byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(bytes);
    }
  }

  @Test
  void framesEndedByNulOrNewlineAreStoredWithCanonicalFields() throws Exception {
    String stream = message("one", "t-1") + "\0" + message("two", "t-2") + "\n" + message("three", "t-3") + "\r\n\0\0"
        + message("unterminated last frame", "t-4");
    sendAndClose(utf8(stream));

    server.awaitTotal("service:tcp-test", 4);
    JsonNode event = server.awaitTotal("trace_id:t-3", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo("three");
    assertThat(event.path("level").asText()).isEqualTo("WARN");
    assertThat(event.path("host").asText()).isEqualTo("tcp-host");
    assertThat(server.search(DEAD_LETTERS).path("total").asLong()).isZero();
  }

  @Test
  void badFramesBecomeDeadLettersAndTheFramesAfterThemAreStored() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(utf8("garbage, not JSON\0"));
    stream.write(utf8("{\"short_message\":\"" + "x".repeat(MAX_EVENT_BYTES) + "\"}\0"));
    stream.write(utf8(message("after the oversized frame", "t-after") + "\0"));
    byte[] gzipped = gzip(utf8(message("compressed", "t-gzip")));
    stream.write(gzipped, 0, 3); // a gzip stream's own NUL (its mtime) ends the frame after 3 bytes
    stream.write(0);
    stream.write(utf8("{\"short_message\":\"cut off"));
    sendAndClose(stream.toByteArray());

    server.awaitTotal("trace_id:t-after", 1);
    List<String> reasons = reasons(4);
    assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("malformed JSON at column 1"))
        .anySatisfy(r -> assertThat(r).startsWith("GELF TCP frame is " + (MAX_EVENT_BYTES + 20) + " bytes, more than "
            + "the limit of 65536 bytes (ingest.max_event_bytes); discarded up to its NUL"))
        .anySatisfy(r -> assertThat(r).startsWith("GELF TCP frames are uncompressed JSON; this one starts like gzip"))
        .anySatisfy(r -> assertThat(r).startsWith("last frame had no NUL before the connection closed: malformed JSON"))
        .allSatisfy(r -> assertThat(r).contains("[from 127.0.0.1:"));
  }

  @Test
  void slowlorisFrameIsCutOffAtTheIdleTimeoutWhileOtherConnectionsCarryOn() throws Exception {
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = slow.getOutputStream();
      boolean closedByServer = false;
      byte[] trickle = utf8("{\"short_message\":\"one byte at a time, forever\"");
      for (int i = 0; i < trickle.length && !closedByServer; i++) {
        try {
          out.write(trickle[i]);
          out.flush();
          if (i == 2) {
            sendAndClose(utf8(message("meanwhile", "t-meanwhile") + "\0"));
          }
          Thread.sleep(200);
        } catch (SocketException e) {
          closedByServer = true;
        }
      }
      assertThat(closedByServer || slow.getInputStream().read() == -1).as("server closed the slow connection").isTrue();
    }
    server.awaitTotal("trace_id:t-meanwhile", 1);
    assertThat(reasons(1)).singleElement().asString()
        .startsWith("GELF TCP frame still incomplete after 1 s (sockets.idle_timeout)");
  }

  @Test
  void idleConnectionIsClosedAndItsUnfinishedFrameIsADeadLetter() throws Exception {
    try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), port);
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), port)) {
      idle.getOutputStream().write(utf8("{\"short_message\":\"half"));
      InputStream in = idle.getInputStream();
      assertThat(in.read()).as("closed by the server after the idle timeout").isEqualTo(-1);
      assertThat(silent.getInputStream().read()).as("a connection that never sent anything too").isEqualTo(-1);
    }
    assertThat(reasons(1)).singleElement().asString()
        .startsWith("last frame had no NUL before the connection was idle for 1 s (sockets.idle_timeout): malformed JSON");
  }

  private List<String> reasons(int expected) throws InterruptedException {
    JsonNode result = server.awaitTotal(DEAD_LETTERS, expected);
    List<String> reasons = new ArrayList<>();
    result.path("events").forEach(event -> reasons.add(event.path("dead_letter.reason").asText()));
    return reasons;
  }
}
