package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.FluencySenderTest.T0;
import static dev.corral.server.inputs.fluent.Msgpack.concat;
import static dev.corral.server.inputs.fluent.Msgpack.gzip;
import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static dev.corral.server.inputs.fluent.Msgpack.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a forward stream can be wrong. An entry that cannot be converted becomes a dead letter
 * while its neighbours are stored and the chunk acked; a stream that cannot be followed any more
 * ends its connection after a dead letter saying why. Nothing a sender claims is allocated before
 * it is checked, and no bad connection affects another.
 */
class ForwardBadInputTest {
  /** The event size limit of these tests ({@code ingest.max_event_bytes}). */
  static final int MAX_EVENT_BYTES = 64 * 1024;

  @TempDir
  Path data;
  TestServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("fluent.port", "0", "ingest.max_event_bytes", "64KiB",
        "sockets.idle_timeout", "1s"));
    port = server.server().inputPort("fluent");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Map<String, Object> message(String text) {
    return Map.of("message", text);
  }

  /** The fluent dead letter whose reason contains {@code reasonPart}, once it is searchable (reasons are keywords). */
  private JsonNode deadLetter(String reasonPart) throws InterruptedException {
    JsonNode result = null;
    for (int attempt = 0; attempt < 400; attempt++) {
      result = server.search("logtype:dead_letter AND dead_letter.input:fluent", "&limit=1000");
      for (JsonNode event : result.path("events")) {
        if (event.path("dead_letter.reason").asText().contains(reasonPart)) {
          return event;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no dead letter with reason containing " + reasonPart + "; last answer " + result);
  }

  /** Waits until {@code count} fluent dead letters have reasons containing {@code reasonPart}. */
  private void deadLetters(String reasonPart, int count) throws InterruptedException {
    long found = 0;
    for (int attempt = 0; attempt < 400 && found != count; attempt++) {
      Thread.sleep(50);
      found = 0;
      for (JsonNode event : server.search("logtype:dead_letter", "&limit=1000").path("events")) {
        found += event.path("dead_letter.reason").asText().contains(reasonPart) ? 1 : 0;
      }
    }
    assertThat(found).as("dead letters with " + reasonPart).isEqualTo(count);
  }

  private static byte[] header(int marker, int length) {
    return ByteBuffer.allocate(5).put((byte) marker).putInt(length).array();
  }

  @Test
  void garbageBytesAreADeadLetterWithAnExcerptAndEndTheConnection() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(utf8("GET / HTTP/1.1\r\nHost: corral\r\n\r\n"));
      assertThat(client.closedByServer()).isTrue();
    }
    JsonNode dead = deadLetter("expected a forward message");
    assertThat(dead.path("dead_letter.reason").asText())
        .contains("got an INTEGER; the bytes are probably not msgpack at all at byte 0 of the connection");
    assertThat(dead.path("dead_letter.excerpt").asText()).startsWith("GET / HTTP/1.1\\x0d\\x0aHost: corral");
  }

  @Test
  void jsonIsRefusedWithAHintToUseTheHttpApi() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(utf8("{\"message\":\"json\"}"));
      assertThat(client.closedByServer()).isTrue();
    }
    assertThat(deadLetter("JSON over the forward port is not supported").path("dead_letter.excerpt").asText())
        .startsWith("{\"message\":\"json\"}");
  }

  @Test
  void truncatedMessageIsADeadLetterAndNotAcked() throws Exception {
    byte[] whole = pack(List.of("app.cut", List.of(List.of(T0, message("kept")), List.of(T0, message("cut off"))),
        Map.of("chunk", "never-acked")));
    byte[] half = Arrays.copyOf(whole, whole.length - 30); // inside the second entry
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(half).finishSending();
      assertThat(client.closedByServer()).isTrue(); // no ack came before the end
    }
    assertThat(deadLetter("connection closed in the middle of a forward message").path("dead_letter.reason").asText())
        .contains("it was not acknowledged");
    server.awaitTotal("service:\"app.cut\"", 1); // what did arrive whole is kept (at-least-once)
  }

  @Test
  void arrayHeaderThatLiesAboutItsLengthCostsOnlyWhatWasSent() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      // Forward mode claiming 2^31-1 entries, sending one, then closing
      client.send(concat(new byte[] {(byte) 0x93}, pack("app.lie"), header(0xdd, Integer.MAX_VALUE),
          pack(List.of(T0, message("the only entry"))))).finishSending();
      assertThat(client.closedByServer()).isTrue();
    }
    server.awaitTotal("service:\"app.lie\"", 1);
    deadLetter("connection closed in the middle of a forward message");
    try (ForwardClient client = new ForwardClient(port)) {
      // 2^31 elements do not even fit the decoder's int: malformed, refused at once
      client.send(concat(new byte[] {(byte) 0x93}, pack("app.lie"), header(0xdd, Integer.MIN_VALUE)));
      assertThat(client.closedByServer()).isTrue();
    }
    deadLetter("malformed msgpack at byte");
  }

  @Test
  void lyingLengthsInsideAPackedPayloadCostOnlyThePayload() throws Exception {
    byte[] payload = concat(pack(List.of(T0, message("before the lie"))),
        new byte[] {(byte) 0x92}, pack(T0), header(0xdf, Integer.MAX_VALUE), pack("k", "v"));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.packed", payload, Map.of("chunk", "lie-1"))));
      assertThat(client.answer()).containsEntry("ack", "lie-1");
      client.send(pack(List.of("app.packed", T0, message("the connection goes on"), Map.of("chunk", "after"))));
      assertThat(client.answer()).containsEntry("ack", "after");
    }
    server.awaitTotal("service:\"app.packed\"", 2);
    assertThat(deadLetter("packed entries undecodable from entry 1").path("dead_letter.reason").asText())
        .contains("chunk lie-1");
  }

  @Test
  void stringOrBinaryOverTheEventLimitIsRejectedWithoutAllocatingIt() throws Exception {
    byte[] huge = new byte[MAX_EVENT_BYTES + 1000];
    Arrays.fill(huge, (byte) 'x');
    List<Object> entries = List.of(List.of(T0, Map.of("message", new String(huge))),
        List.of(T0, Map.of("blob", huge)), List.of(T0, message("small neighbour")));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.big", entries, Map.of("chunk", "big-1"))));
      assertThat(client.answer()).containsEntry("ack", "big-1");
      // a str32 claiming 1 GiB in a message that then ends: the 1 GiB is never allocated
      client.send(concat(new byte[] {(byte) 0x93}, pack("app.big", T0), new byte[] {(byte) 0x81}, pack("message"),
          header(0xdb, 1 << 30), utf8("only a few bytes"))).finishSending();
      assertThat(client.closedByServer()).isTrue();
    }
    server.awaitTotal("service:\"app.big\"", 1);
    deadLetters("ingest.max_event_bytes", 2);
    assertThat(deadLetter("entry 0 of tag").path("dead_letter.reason").asText())
        .contains("entry is " + (MAX_EVENT_BYTES + 1000 + 20), "more than the limit of 65536 bytes");
    deadLetter("connection closed in the middle of a forward message");
  }

  @Test
  void tagThatIsNoStringOrTooLongEndsTheConnection() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of(42, T0, message("x"))));
      assertThat(client.closedByServer()).isTrue();
    }
    deadLetter("tag is an INTEGER, expected a string");
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("t".repeat(5000), T0, message("x"))));
      assertThat(client.closedByServer()).isTrue();
    }
    deadLetter("tag is 5000 bytes long, more than the limit of 4096 bytes");
  }

  @Test
  void wrongTimeRecordOrCarrierTypesAreRejectedOneByOne() throws Exception {
    byte[] wrongExt = concat(new byte[] {(byte) 0x92, (byte) 0xd7, 5}, new byte[8], pack(message("ext 5")));
    List<Object> entries = List.of(List.of("yesterday", message("string time")), List.of(T0, List.of(1, 2)),
        new Msgpack.Raw(wrongExt), "not an entry", List.of(T0, message("the good one")));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.types", entries, Map.of("chunk", "types-1"))));
      assertThat(client.answer()).containsEntry("ack", "types-1");
      client.send(pack(List.of("app.types", T0, message("with a bad option"), "not a map")));
      client.send(pack(List.of("app.types", Map.of(), message("x"))));
      assertThat(client.closedByServer()).isTrue();
    }
    server.awaitTotal("service:\"app.types\"", 2);
    deadLetter("time is a STRING, expected an integer (epoch seconds) or an EventTime");
    assertThat(deadLetter("record is an ARRAY").path("dead_letter.excerpt").asText()).isEqualTo("[1,2]");
    deadLetter("time is an extension of type 5 and 8 bytes");
    deadLetter("entry 3 of tag \"app.types\" is a STRING, expected [time, record]");
    deadLetter("option is a STRING, expected a map; it was ignored");
    deadLetter("the second element of a message of tag \"app.types\" is a MAP");
  }

  @Test
  void nestingDepthBombsAreRejectedWithoutRecursion() throws Exception {
    int depth = 20_000; // 60 KB of maps: deep enough to overflow any recursive decoder, within max_event_bytes
    ByteArrayOutputStream maps = new ByteArrayOutputStream();
    for (int i = 0; i < depth; i++) {
      maps.writeBytes(new byte[] {(byte) 0x81, (byte) 0xa1, 'a'});
    }
    maps.write(1);
    byte[] arrays = new byte[depth + 1];
    Arrays.fill(arrays, (byte) 0x91);
    arrays[depth] = 1;
    List<Object> entries = List.of(List.of(T0, new Msgpack.Raw(maps.toByteArray())),
        List.of(T0, Map.of("list", new Msgpack.Raw(arrays))), List.of(T0, message("shallow neighbour")));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.deep", entries, Map.of("chunk", "deep-1"))));
      assertThat(client.answer()).containsEntry("ack", "deep-1");
    }
    server.awaitTotal("service:\"app.deep\"", 1);
    deadLetters("nesting depth 21 exceeds the limit of 20", 2);
  }

  @Test
  void corruptGzipCostsOnlyItsPayloadAndTheConnectionGoesOn() throws Exception {
    byte[] zipped = gzip(concat(pack(List.of(T0, message("lost in corruption"))),
        pack(List.of(T0, message("also lost")))));
    for (int i = 12; i < zipped.length - 8; i++) {
      zipped[i] = (byte) 0xff;
    }
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.gz", zipped, Map.of("chunk", "gz-bad", "compressed", "gzip"))));
      assertThat(client.answer()).containsEntry("ack", "gz-bad");
      client.send(pack(List.of("app.gz", T0, message("next message fine"), Map.of("chunk", "gz-next"))));
      assertThat(client.answer()).containsEntry("ack", "gz-next");
    }
    server.awaitTotal("service:\"app.gz\"", 1);
    assertThat(deadLetter("packed entries undecodable").path("dead_letter.reason").asText())
        .contains("decompressed", "chunk gz-bad");
  }

  @Test
  void unsupportedCompressionIsNamed() throws Exception {
    byte[] zstdLike = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0};
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.zstd", zstdLike, Map.of("chunk", "z-1", "compressed", "zstd"))));
      assertThat(client.answer()).containsEntry("ack", "z-1");
    }
    deadLetter("compressed: \"zstd\" is not supported, only gzip");
  }

  @Test
  void stalledMessageIsClosedAtTheIdleTimeoutWhileOtherConnectionsWork() throws Exception {
    byte[] whole = pack(List.of("app.stall", T0, message("never finished"), Map.of("chunk", "stall")));
    try (ForwardClient stalled = new ForwardClient(port); ForwardClient idle = new ForwardClient(port);
        ForwardClient healthy = new ForwardClient(port)) {
      stalled.send(Arrays.copyOf(whole, whole.length / 2));
      healthy.send(pack(List.of("app.healthy", T0, message("fine"), Map.of("chunk", "ok"))));
      assertThat(healthy.answer()).containsEntry("ack", "ok");
      assertThat(stalled.closedByServer()).isTrue();
      assertThat(idle.closedByServer()).isTrue();
    }
    assertThat(deadLetter("connection idle longer than sockets.idle_timeout").path("dead_letter.excerpt").asText())
        .contains("app.stall");
    server.awaitTotal("logtype:dead_letter", 1); // the idle connection without a message is no dead letter
    server.awaitTotal("service:\"app.healthy\"", 1);
  }

  @Test
  void aPingWithoutASharedKeyConfiguredIsRefusedWithAReasonFluentBitCanHold() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("PING", "client.example", "salt", "digest", "", "")));
      Map<String, String> pong = client.answer();
      assertThat(pong).containsEntry("0", "PONG").containsEntry("1", "false")
          .containsEntry("2", "no shared key on this server");
      assertThat(client.closedByServer()).isTrue();
    }
    assertThat(deadLetter("client asked for shared-key authentication").path("dead_letter.reason").asText())
        .contains("has no shared key (fluent.shared_key)");
    assertThat(server.get("/api/v1/stats").json().path("inputs").path(FluentInputs.INPUT).path("refused_handshakes")
        .asLong()).isEqualTo(1);
  }
}
