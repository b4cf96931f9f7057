package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.FluencySenderTest.T0;
import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static dev.corral.server.inputs.fluent.Msgpack.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward protocol's shared-key handshake, driven byte by byte: a sender that proves {@code fluent.shared_key}
 * is served; every other first move — a wrong key, silence, a message, garbage, an oversized or trickled PING — gets
 * a PONG that refuses it (when the connection still takes one), the connection closed, and nothing stored, not even
 * a dead letter. The server here runs without API keys: a shared key alone turns the handshake on.
 */
class ForwardHandshakeTest {
  static final String SHARED_KEY = "forward-shared-secret";

  @TempDir
  Path data;
  TestServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("fluent.port", "0", "fluent.shared_key", SHARED_KEY,
        "sockets.idle_timeout", "1s"));
    port = server.server().inputPort("fluent");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static byte[] message(String tag, String text, String chunk) {
    return pack(List.of(tag, T0, Map.of("message", text), Map.of("chunk", chunk)));
  }

  private long refusedHandshakes() {
    return server.get("/api/v1/stats").json().path("inputs").path(FluentInputs.INPUT).path("refused_handshakes")
        .asLong();
  }

  /** Stores one event through a connection that proves the key: what was refused before it would be stored too. */
  private void sendAcceptedEvent(String tag) throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.ping("web-7", SHARED_KEY, message(tag, "after the refusals", "ok-1"));
      assertThat(client.answer()).containsEntry("0", "PONG").containsEntry("1", "true");
      assertThat(client.answer()).containsEntry("ack", "ok-1");
    }
    server.awaitTotal("service:\"" + tag + "\"", 1);
  }

  @Test
  void aSenderThatProvesTheKeyIsServedAndTheServerProvesItKnowsTheKeyToo() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      byte[] nonce = client.ping("web-7", SHARED_KEY, message("app.secure", "proved", "chunk-1"));
      Map<String, String> pong = client.answer();
      assertThat(pong).containsEntry("0", "PONG").containsEntry("1", "true").containsEntry("2", "")
          .containsEntry("3", ForwardHandshake.SERVER_HOSTNAME);
      assertThat(pong.get("4")).isEqualTo(ForwardClient.sha512Hex(utf8("0123456789abcdef"),
          utf8(ForwardHandshake.SERVER_HOSTNAME), nonce, utf8(SHARED_KEY)));
      assertThat(client.answer()).containsEntry("ack", "chunk-1");
      client.send(message("app.secure", "second message, same connection", "chunk-2"));
      assertThat(client.answer()).containsEntry("ack", "chunk-2");
    }
    server.awaitTotal("service:\"app.secure\"", 2);
    assertThat(refusedHandshakes()).isZero();
  }

  @Test
  void aWrongSharedKeyGetsPongFalseAndTheConnectionClosedAndNothingItSentIsStored() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.ping("web-7", "not-the-key", message("app.intruder", "should never be stored", "bad-1"));
      Map<String, String> pong = client.answer();
      assertThat(pong).containsEntry("0", "PONG").containsEntry("1", "false").containsEntry("2", "shared_key mismatch");
      assertThat(client.closedByServer()).isTrue();
    }
    sendAcceptedEvent("app.after-wrong-key");
    assertThat(server.search("service:\"app.intruder\" OR logtype:dead_letter").path("total").asLong()).isZero();
    assertThat(refusedHandshakes()).isEqualTo(1);
  }

  @Test
  void aSenderThatNeverPingsIsClosedAfterTheIdleTimeout() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.helo();
      assertThat(client.closedByServer()).isTrue(); // sockets.idle_timeout is 1 s; the client waits 20 s
    }
    assertThat(refusedHandshakes()).isEqualTo(1);
  }

  @Test
  void aMessageBeforeThePingIsRefusedUnreadAndNotStored() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(message("app.no-handshake", "sent without a PING", "skip-1"));
      client.helo();
      Map<String, String> pong = client.answer();
      assertThat(pong).containsEntry("0", "PONG").containsEntry("1", "false").containsEntry("2", "PING expected");
      assertThat(client.closedByServer()).as("closed, and no ack came before").isTrue();
    }
    sendAcceptedEvent("app.after-message");
    assertThat(server.search("service:\"app.no-handshake\" OR logtype:dead_letter").path("total").asLong()).isZero();
    assertThat(refusedHandshakes()).isEqualTo(1);
  }

  @Test
  void garbageOrAHeartbeatInsteadOfThePingIsRefused() throws Exception {
    for (byte[] first : List.of(utf8("GET / HTTP/1.1\r\nHost: corral\r\n\r\n"), pack((Object) null),
        new byte[] {(byte) 0xc1})) { // HTTP, a heartbeat (nil), a byte msgpack never uses
      try (ForwardClient client = new ForwardClient(port)) {
        client.send(first);
        client.helo();
        Map<String, String> pong = client.answer();
        assertThat(pong).containsEntry("0", "PONG").containsEntry("1", "false");
        assertThat(pong.get("2")).isIn("PING expected", "invalid PING message");
        assertThat(client.closedByServer()).isTrue();
      }
    }
    sendAcceptedEvent("app.after-garbage");
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
    assertThat(refusedHandshakes()).isEqualTo(3);
  }

  @Test
  void anOversizedPingFieldIsRefusedBeforeItIsRead() throws Exception {
    byte[] hugeHostname = ByteBuffer.allocate(5).put((byte) 0xdb).putInt(1 << 30).array(); // str32 of 1 GiB
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(Msgpack.concat(new byte[] {(byte) 0x96}, pack("PING"), hugeHostname, utf8("web-7"))); // [6 elements]
      client.helo();
      Map<String, String> pong = client.answer();
      assertThat(pong).containsEntry("1", "false").containsEntry("2", "PING field too long");
      assertThat(client.closedByServer()).isTrue();
    }
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("PING", "web-7", "salt", "a".repeat(Ping.DIGEST_HEX_CHARS + 1), "", "")));
      client.helo();
      assertThat(client.answer()).containsEntry("1", "false").containsEntry("2", "PING field too long");
    }
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("PING", "web-7", "salt")));
      client.helo();
      assertThat(client.answer()).containsEntry("1", "false").containsEntry("2", "invalid PING message");
    }
    assertThat(refusedHandshakes()).isEqualTo(3);
  }

  /**
   * Each byte of this PING comes well within the idle timeout, so only the handshake's own deadline (the idle
   * timeout counted from the HELO) ends it: the server closes the connection while the sender is still writing.
   */
  @Test
  void aTricklingPingIsCutOffAtTheHandshakeDeadline() throws Exception {
    byte[] ping = pack(List.of("PING", "slow-host", "0123456789abcdef", "f".repeat(Ping.DIGEST_HEX_CHARS), "", ""));
    boolean cutOff = false;
    try (ForwardClient client = new ForwardClient(port)) {
      client.helo();
      for (int i = 0; i < 30 && !cutOff; i++) { // 30 × 300 ms: 9 s, far past the 1 s deadline
        try {
          client.send(new byte[] {ping[i]});
          Thread.sleep(300);
        } catch (IOException e) {
          cutOff = true; // the server closed the connection (broken pipe or reset)
        }
      }
    }
    assertThat(cutOff).as("the server closed the connection before the PING was complete").isTrue();
    assertThat(refusedHandshakes()).isEqualTo(1);
  }
}
