package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.FluencySenderTest.T0;
import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the server refuses writes (here: 507, the disk is "nearly full"), the input holds the
 * batch, reads nothing further and acks nothing; stopping the server then ends the connection
 * without an ack, so the sender keeps the chunk and sends it again later.
 */
class ForwardBackpressureTest {
  /** How long the test watches for an ack that must not come; bounded, no timing is asserted. */
  private static final int WATCH_MILLIS = 1_500;

  @TempDir
  Path data;

  @Test
  void chunkIsNeitherAckedNorDroppedWhileTheServerRefusesWrites() throws Exception {
    ForwardClient client;
    try (TestServer server = TestServer.start(data, Map.of("fluent.port", "0", "storage.min_free_bytes", "1024TiB"))) {
      client = new ForwardClient(server.server().inputPort("fluent"));
      client.send(pack(List.of("app.full", T0, Map.of("message", "waits for room"), Map.of("chunk", "full-1"))));
      assertThat(client.answerWithin(WATCH_MILLIS)).isNull();
    }
    try (client) {
      assertThat(client.closedByServer()).isTrue(); // closed by the stop, with no ack before it
    }
    try (TestServer server = TestServer.start(data)) {
      assertThat(server.search("*").path("total").asLong()).isZero(); // not stored, so not acked: the sender resends
    }
  }
}
