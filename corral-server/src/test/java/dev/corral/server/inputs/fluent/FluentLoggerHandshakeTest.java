package dev.corral.server.inputs.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.inputs.IngestKeys;
import dev.corral.server.inputs.syslog.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sender that implements the forward protocol's handshake — the npm package fluent-logger, configured with
 * {@code security: {clientHostname, sharedKey}} and waiting for each event's ack — against a server that requires
 * API keys and so the shared key. Needs Node.js and {@code npm ci} in {@code corral-server/src/test/node} (.ci/run
 * does both): skipped without them, failed under CI=true.
 */
class FluentLoggerHandshakeTest {
  static final Path PEERS = Path.of("src", "test", "node");
  static final String SHARED_KEY = "node-fleet-shared-key";
  /** A sender that hangs longer than this is broken; it stops itself after 30 s. */
  static final int SENDER_WAIT_SECONDS = 60;

  @TempDir
  Path data;
  @TempDir
  Path work;

  /** What the sender printed and how it exited. */
  record Run(int exit, String output) {}

  private static Path node() {
    Path node = Peers.require("node", "nodejs npm", Path.of("/usr/bin/node"), Path.of("/usr/local/bin/node"));
    if (!Files.isRegularFile(PEERS.resolve("node_modules/fluent-logger/package.json"))) {
      Peers.unavailable("the npm package fluent-logger is not installed: run npm ci in " + PEERS.toAbsolutePath());
    }
    return node;
  }

  private Run send(Path node, int port, String sharedKey, String tag, int count) throws Exception {
    Path output = Files.createTempFile(work, "fluent-send", ".out");
    Process sender = new ProcessBuilder(node.toString(), "fluent-send.js", Integer.toString(port), sharedKey, "web-7",
        tag, Integer.toString(count)).directory(PEERS.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    if (!sender.waitFor(SENDER_WAIT_SECONDS, TimeUnit.SECONDS)) {
      sender.destroyForcibly();
      throw new AssertionError("fluent-logger did not finish in " + SENDER_WAIT_SECONDS + " s: " + Files.readString(output));
    }
    return new Run(sender.exitValue(), Files.readString(output).strip());
  }

  private static TestServer start(Path data) throws Exception {
    return TestServer.start(data, Map.of("auth.mode", "keys", "fluent.port", "0", "fluent.shared_key", SHARED_KEY));
  }

  @Test
  void withTheSharedKeyEveryEventIsAckedAndStored() throws Exception {
    Path node = node();
    IngestKeys keys = IngestKeys.create(data);
    try (TestServer server = start(data)) {
      Run run = send(node, server.server().inputPort("fluent"), SHARED_KEY, "node.checkout", 5);
      assertThat(run).isEqualTo(new Run(0, "acked 5"));
      keys.awaitTotal(server, "service:\"node.checkout\"", 5);
      assertThat(keys.inputStats(server, FluentInputs.INPUT).path("refused_handshakes").asLong()).isZero();
    }
  }

  @Test
  void withAWrongSharedKeyTheHandshakeIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
    Path node = node();
    IngestKeys keys = IngestKeys.create(data);
    try (TestServer server = start(data)) {
      int port = server.server().inputPort("fluent");
      Run refused = send(node, port, "a-guess", "node.intruder", 3);
      assertThat(refused).isEqualTo(new Run(2, "error: Authentication failed: shared_key mismatch"));
      assertThat(send(node, port, SHARED_KEY, "node.after", 1).exit()).isZero();
      keys.awaitTotal(server, "service:\"node.after\"", 1); // stored in order: the refused events would be there by now
      assertThat(keys.total(server, "service:\"node.intruder\" OR logtype:dead_letter")).isZero();
      assertThat(keys.inputStats(server, FluentInputs.INPUT).path("refused_handshakes").asLong()).isEqualTo(1);
    }
  }
}
