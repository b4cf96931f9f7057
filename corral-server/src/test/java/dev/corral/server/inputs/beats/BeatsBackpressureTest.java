package dev.corral.server.inputs.beats;

import static dev.corral.server.inputs.beats.LumberjackFrames.filebeatEvent;
import static dev.corral.server.inputs.beats.LumberjackFrames.json;
import static dev.corral.server.inputs.beats.LumberjackFrames.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the server refuses writes (here the disk is "nearly full"), the input holds the window and reads nothing
 * further; it acknowledges nothing new, but repeats the window's last ack (0: nothing yet) every {@link
 * BeatsLimits#DEFAULT_KEEP_ALIVE_INTERVAL} so that Filebeat does not time the connection out. Stopping the server
 * then ends the connection without an ack, and nothing was stored: the sender keeps the window and sends it again.
 */
class BeatsBackpressureTest {
  @TempDir
  Path data;

  @Test
  void aWindowIsNotAcknowledgedWhileTheServerRefusesWritesButTheConnectionIsKeptAlive() throws Exception {
    BeatsClient client;
    try (TestServer server = TestServer.start(data, Map.of("beats.port", "0", "storage.min_free_bytes", "1024TiB"))) {
      client = BeatsClient.connect(server.server().inputPort(BeatsInputs.INPUT));
      client.send(window(2), json(1, filebeatEvent("waits for room", "full")),
          json(2, filebeatEvent("waits too", "full")));
      assertThat(client.ack()).as("a keep-alive acknowledges nothing").isZero();
      assertThat(client.ack()).as("and another").isZero();
    }
    try (client) {
      assertThat(client.drainsToClose()).isTrue();
    }
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.search("*").path("total").asLong()).isZero();
    }
  }
}
