package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whom the Fluent forward input admits: with a shared key, whoever proves it, from any source; without one, the
 * sources of {@code inputs.allowed_sources} (only this machine by default while API keys are required), like syslog
 * and GELF. The list below admits only 127.0.0.2; Linux routes all of 127.0.0.0/8 over loopback.
 */
class ForwardSourcesTest {
  private static final long T0 = 1_767_000_000L;

  @TempDir
  Path data;

  private static JsonNode stats(TestServer server) {
    return server.get("/api/v1/stats").json().path("inputs").path(FluentInputs.INPUT);
  }

  /** Sends one acked message-mode record from {@code from}; whether the server answered its ack. */
  private static boolean sendAcked(String from, int port, String message) throws IOException {
    try (ForwardClient client = new ForwardClient(InetAddress.getByName(from), port)) {
      client.send(pack(List.of("app.src", T0, Map.of("message", message), Map.of("chunk", message))));
      return client.answer().get("ack").equals(message);
    } catch (SocketException | org.msgpack.core.MessageInsufficientBufferException e) {
      return false; // closed at accept: reset, or end of stream before an answer
    }
  }

  @Test
  void withoutASharedKeyOnlyTheAllowedSourcesAreServed() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("fluent.port", "0", "inputs.allowed_sources", "127.0.0.2"))) {
      int port = server.server().inputPort(FluentInputs.INPUT);
      assertThat(sendAcked("127.0.0.1", port, "refused")).isFalse();
      assertThat(sendAcked("127.0.0.2", port, "allowed")).isTrue();
      server.awaitTotal("message:allowed", 1);
      assertThat(server.search("message:refused").path("total").asLong()).isZero();
      JsonNode stats = stats(server);
      assertThat(stats.path("refused_connections.source_not_allowed").asLong()).as(stats.toString()).isEqualTo(1);
      assertThat(stats.path("admits").asText()).isEqualTo("sources 127.0.0.2");
    }
  }

  @Test
  void withASharedKeyTheKeyIsTheCredentialFromAnySource() throws Exception {
    try (TestServer server = TestServer.start(data, Map.of("fluent.port", "0", "inputs.allowed_sources", "127.0.0.2",
        "fluent.shared_key", "s3cret"))) {
      assertThat(stats(server).path("admits").asText()).isEqualTo("any source");
    }
  }

  @Test
  void withKeysRequiredAndNoSharedKeyTheServerStartsAndAdmitsOnlyThisMachine() {
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), Map.of("auth.mode", "keys")));
    assertThat(config.fluent().handshakeKey()).isEmpty();
    assertThat(config.socketAccess().allowedSources().describe()).isEqualTo("sources 127.0.0.0/8,::1");
  }
}
