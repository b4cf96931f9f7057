package dev.corral.server.inputs.beats;

import static dev.corral.server.inputs.beats.LumberjackFrames.compressed;
import static dev.corral.server.inputs.beats.LumberjackFrames.compressedPayload;
import static dev.corral.server.inputs.beats.LumberjackFrames.concat;
import static dev.corral.server.inputs.beats.LumberjackFrames.filebeatEvent;
import static dev.corral.server.inputs.beats.LumberjackFrames.json;
import static dev.corral.server.inputs.beats.LumberjackFrames.jsonHeader;
import static dev.corral.server.inputs.beats.LumberjackFrames.window;
import static dev.corral.server.inputs.beats.LumberjackFrames.zlib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames that break the protocol or a limit: the connection is closed without an ack, nothing of the broken window is
 * stored, and the reason is stored as one dead letter. A good window sent afterwards on a new connection orders the
 * checks: once it is found, the broken connection's outcome is final.
 */
class BeatsBadFramesTest {
  @TempDir
  Path data;

  private TestServer start(Map<String, String> more) throws Exception {
    return start(data, more);
  }

  private static TestServer start(Path dataDir, Map<String, String> more) throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(more);
    settings.put("beats.port", "0");
    return TestServer.start(dataDir, settings);
  }

  private static int port(TestServer server) {
    return server.server().inputPort(BeatsInputs.INPUT);
  }

  /**
   * Sends a good event, then {@code bad} after it in the same window; the server must close without an ack. Then a
   * good window on a new connection is acked and found, and the good event of the broken window is not.
   */
  private static String refusedWindow(TestServer server, String marker, byte[]... bad) throws Exception {
    try (BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(2), json(1, filebeatEvent("before the bad frame", marker)));
      client.send(bad);
      assertThat(client.closedByServer()).as("closed without an ack").isTrue();
    }
    try (BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(window(1), json(1, filebeatEvent("after the bad frame", marker)));
      assertThat(client.ack()).isEqualTo(1);
    }
    JsonNode found = server.awaitTotal("service:" + marker, 1);
    assertThat(found.path("events").get(0).path("message").asText()).isEqualTo("after the bad frame");
    JsonNode letters = server.awaitTotal("logtype:dead_letter AND dead_letter.input:beats AND \"protocol error\"", 1);
    return letters.path("events").get(0).path("dead_letter.reason").asText();
  }

  @Test
  void aWrongVersionByteClosesTheConnection() throws Exception {
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "version", new byte[] {'3', 'J', 0, 0, 0, 2, 0, 0, 0, 2, '{', '}'}))
          .contains("version byte is 0x33 ('3')").contains("at byte");
    }
  }

  @Test
  void anUnknownFrameTypeClosesTheConnection() throws Exception {
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "unknown", new byte[] {'2', 'X', 0, 0, 0, 2}))
          .contains("unknown frame type 0x58 ('X')");
    }
  }

  @Test
  void aLengthOverTheFrameLimitClosesTheConnectionBeforeAnythingIsRead() throws Exception {
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "toolong", jsonHeader(2, 0xFFFF_FFFFL)))
          .contains("JSON frame of 4294967295 bytes is longer than the limit of " + BeatsLimits.DEFAULT_MAX_FRAME_BYTES);
    }
  }

  @Test
  void aCompressedFrameThatInflatesPastTheLimitIsRefusedAsAZipBomb() throws Exception {
    // zeros in JSON frames that each claim 60 MiB (within the frame limit, skipped as oversized events): only the
    // inflated size stops them; the whole compresses to a few hundred KiB
    long claimed = 60L << 20;
    ByteArrayOutputStream compressedBytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressedBytes, new Deflater(Deflater.BEST_SPEED))) {
      byte[] zeros = new byte[1 << 20];
      for (int frame = 0; frame < 5; frame++) {
        zlib.write(jsonHeader(frame + 2, claimed));
        for (long written = 0; written < claimed; written += zeros.length) {
          zlib.write(zeros);
        }
      }
    }
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "bomb", compressedPayload(compressedBytes.toByteArray())))
          .contains("inflates to more than " + BeatsLimits.DEFAULT_MAX_INFLATED_BYTES + " bytes").contains("zip bomb");
    }
  }

  @Test
  void aCompressedFrameWhoseContentIsCutShortIsRefused() throws Exception {
    byte[] frame = json(2, filebeatEvent("cut", "cut"));
    byte[] cut = Arrays.copyOf(frame, frame.length - 5);
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "cutshort", compressedPayload(zlib(cut)))).contains("ends inside a frame");
    }
  }

  @Test
  void aCompressedFrameThatIsNotZlibIsRefused() throws Exception {
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "notzlib", compressedPayload("not zlib at all".getBytes())))
          .contains("not a valid zlib stream");
    }
  }

  @Test
  void nestedCompressionAndWindowsInsideAWindowAreRefused() throws Exception {
    try (TestServer server = start(Map.of())) {
      assertThat(refusedWindow(server, "nested", compressed(compressed(json(2, "{}")))))
          .contains("a compressed frame inside a compressed frame");
      assertThat(server.search("logtype:dead_letter AND \"protocol error\"").path("total").asLong()).isEqualTo(1);
    }
    try (TestServer server = start(data.resolve("second"), Map.of())) {
      refusedWindow(server, "rewindow", window(1));
      assertThat(server.search("logtype:dead_letter AND \"window frame after 1 of the 2 events\"").path("total")
          .asLong()).isEqualTo(1);
    }
  }

  @Test
  void aLengthBeyondWhatIsSentLeavesTheWindowUnacknowledgedAndUnstored() throws Exception {
    try (TestServer server = start(Map.of("sockets.idle_timeout", "1s"))) {
      try (BeatsClient client = BeatsClient.connect(port(server))) {
        // the frame says 500 bytes, 10 come, then the sender closes: nothing of the window is stored
        client.send(window(2), json(1, filebeatEvent("lying window", "lying")), jsonHeader(2, 500),
            "{\"message\"".getBytes());
      }
      try (BeatsClient client = BeatsClient.connect(port(server))) {
        client.send(window(1), json(1, filebeatEvent("marker", "honest")));
        assertThat(client.ack()).isEqualTo(1);
      }
      server.awaitTotal("service:honest", 1);
      assertThat(server.search("service:lying").path("total").asLong()).isZero();
    }
  }

  @Test
  void aStalledClientIsClosedAfterTheIdleTimeoutWithNothingPartialStored() throws Exception {
    try (TestServer server = start(Map.of("sockets.idle_timeout", "1s"));
        BeatsClient stalled = BeatsClient.connect(port(server))) {
      byte[] half = json(2, filebeatEvent("never finished", "stalled"));
      stalled.send(window(2), json(1, filebeatEvent("first of a stalled window", "stalled")),
          Arrays.copyOf(half, half.length / 2));
      assertThat(stalled.closedByServer()).as("closed by the idle timeout, without an ack").isTrue();
      try (BeatsClient client = BeatsClient.connect(port(server))) {
        client.send(window(1), json(1, filebeatEvent("marker", "patient")));
        assertThat(client.ack()).isEqualTo(1);
      }
      server.awaitTotal("service:patient", 1);
      assertThat(server.search("service:stalled").path("total").asLong()).isZero();
      assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
    }
  }

  @Test
  void aDataFrameBeforeAnyWindowIsRefused() throws Exception {
    try (TestServer server = start(Map.of()); BeatsClient client = BeatsClient.connect(port(server))) {
      client.send(concat(json(1, filebeatEvent("no window", "nowindow"))));
      assertThat(client.closedByServer()).isTrue();
      JsonNode letters = server.awaitTotal("logtype:dead_letter AND \"before any window frame\"", 1);
      assertThat(letters.path("events").get(0).path("dead_letter.reason").asText()).contains("JSON frame");
      assertThat(server.search("service:nowindow").path("total").asLong()).isZero();
    }
  }

}
