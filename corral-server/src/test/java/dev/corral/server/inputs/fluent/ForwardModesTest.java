package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.FluencySenderTest.T0;
import static dev.corral.server.inputs.fluent.Msgpack.concat;
import static dev.corral.server.inputs.fluent.Msgpack.gzip;
import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static dev.corral.server.inputs.fluent.Msgpack.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each carrier mode of the Forward Protocol Specification v1, written byte by byte: the events
 * arrive with their canonical fields, and a chunk is acked with its own id once stored.
 */
class ForwardModesTest {
  @TempDir
  Path data;
  TestServer server;
  int port;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("fluent.port", "0"));
    port = server.server().inputPort("fluent");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Map<String, Object> record(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void messageModeWithIntegerTimeIsStoredAndAckedWithItsChunkId() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.web", T0, record("message", "hello", "level", "warn"), record("chunk", "c-1"))));
      assertThat(client.answer()).containsEntry("ack", "c-1");
    }
    JsonNode event = server.awaitTotal("service:\"app.web\"", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo("hello");
    assertThat(event.path("level").asText()).isEqualTo("WARN");
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00Z");
  }

  @Test
  void messageModeWithEventTimeKeepsNanoseconds() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.web", new Msgpack.EventTime(T0, 5), record("log", "precise"),
          record("chunk", "c-2"))));
      assertThat(client.answer()).containsEntry("ack", "c-2");
    }
    JsonNode event = server.awaitTotal("precise", 1).path("events").get(0);
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.000000005Z");
  }

  @Test
  void forwardModeStoresEveryEntryAndAcksOnce() throws Exception {
    List<Object> entries = List.of(
        List.of(T0, record("message", "first")),
        List.of(new Msgpack.EventTime(T0 + 1, 250_000_000), record("message", "second")),
        List.of(T0 + 2, record("message", "third")));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.fwd", entries, record("chunk", "fwd-1", "size", 3))));
      assertThat(client.answer()).containsEntry("ack", "fwd-1");
    }
    server.awaitTotal("service:\"app.fwd\"", 3);
    assertThat(server.search("second").path("events").get(0).path("timestamp").asText())
        .isEqualTo("2025-11-21T17:00:01.250Z");
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  @Test
  void packedForwardAcceptsBothBinAndStrPayloads() throws Exception {
    byte[] entries = concat(pack(List.of(T0, record("message", "packed one"))),
        pack(List.of(new Msgpack.EventTime(T0, 1), record("message", "packed two"))));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.bin", entries, record("chunk", "p-bin", "size", 2))));
      assertThat(client.answer()).containsEntry("ack", "p-bin");
      // [tag, str32 payload, option]: Fluentd's out_forward sends the entries as str
      byte[] strHeader = ByteBuffer.allocate(5).put((byte) 0xdb).putInt(entries.length).array();
      client.send(concat(new byte[] {(byte) 0x93}, pack("app.str"), strHeader, entries, pack(record("chunk", "p-str"))));
      assertThat(client.answer()).containsEntry("ack", "p-str");
    }
    server.awaitTotal("service:\"app.bin\"", 2);
    server.awaitTotal("service:\"app.str\"", 2);
  }

  @Test
  void compressedPackedForwardReadsConcatenatedGzipMembers() throws Exception {
    byte[] first = gzip(concat(pack(List.of(T0, record("message", "gz one"))),
        pack(List.of(T0, record("message", "gz two")))));
    byte[] second = gzip(pack(List.of(T0, record("message", "gz three"))));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.gz", concat(first, second),
          record("chunk", "gz-1", "size", 3, "compressed", "gzip"))));
      assertThat(client.answer()).containsEntry("ack", "gz-1");
    }
    server.awaitTotal("service:\"app.gz\"", 3);
    assertThat(server.search("logtype:dead_letter").path("total").asLong()).isZero();
  }

  @Test
  void messagesWithoutChunkAndHeartbeatsGetNoAnswerButAreStored() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(concat(pack((Object) null), pack(List.of("app.quiet", T0, record("message", "no ack wanted")))));
      client.send(pack(List.of("app.quiet", T0, record("message", "then ack"), record("chunk", "last"))));
      assertThat(client.answer()).containsEntry("ack", "last"); // the first answer: nothing came before it
    }
    server.awaitTotal("service:\"app.quiet\"", 2);
  }

  @Test
  void recordFieldsAreFlattenedAndMappedToCanonicalFields() throws Exception {
    Map<String, Object> fields = record(
        "log", "line from a file\n",
        "service_name", "checkout",
        "time", "2020-01-01T00:00:00Z",
        "timestamp", "from the record",
        "tag", "a record's own tag",
        "kubernetes", record("namespace_name", "shop", "labels", record("app", "web")),
        "utf8_bin", utf8("bin that is text"),
        "raw_bin", new byte[] {(byte) 0xff, 0, 1},
        "tags", List.of("a", 1, true, record("k", "v")),
        "big", new Msgpack.Raw(new byte[] {(byte) 0xcf, -1, -1, -1, -1, -1, -1, -1, -1}),
        "ratio", 0.5,
        "ok", true,
        "gone", null,
        "when", new Msgpack.EventTime(T0, 7));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("k8s.var.log", T0, fields, record("chunk", "map-1"))));
      assertThat(client.answer()).containsEntry("ack", "map-1");
    }
    JsonNode event = server.awaitTotal("service:checkout", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo("line from a file");
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00Z");
    assertThat(event.path("time").asText()).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(event.path("timestamp_original").asText()).isEqualTo("from the record");
    assertThat(event.path("tag").asText()).isEqualTo("k8s.var.log");
    assertThat(event.path("tag_original").asText()).isEqualTo("a record's own tag");
    assertThat(event.path("kubernetes.namespace_name").asText()).isEqualTo("shop");
    assertThat(event.path("kubernetes.labels.app").asText()).isEqualTo("web");
    assertThat(event.path("utf8_bin").asText()).isEqualTo("bin that is text");
    assertThat(event.path("raw_bin").asText()).isEqualTo("/wAB");
    assertThat(event.path("tags").asText()).isEqualTo("[\"a\",1,true,{\"k\":\"v\"}]");
    assertThat(event.path("big").asText()).isEqualTo("18446744073709551615");
    assertThat(event.path("ratio").asDouble()).isEqualTo(0.5);
    assertThat(event.path("ok").asBoolean()).isTrue();
    assertThat(event.has("gone")).isFalse();
    assertThat(event.path("when").asText()).isEqualTo("2025-11-21T17:00:00.000000007Z");
  }

  @Test
  void fluentBitMetadataEntriesKeepTheirTimeAndMetadata() throws Exception {
    List<Object> entry = List.of(List.of(new Msgpack.EventTime(T0, 9), record("otlp", record("trace", "t1"))),
        record("message", "with metadata"));
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("fb.v2", List.of(entry), record("chunk", "meta-1"))));
      assertThat(client.answer()).containsEntry("ack", "meta-1");
    }
    JsonNode event = server.awaitTotal("service:\"fb.v2\"", 1).path("events").get(0);
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.000000009Z");
    assertThat(event.path("metadata.otlp.trace").asText()).isEqualTo("t1");
  }

  @Test
  void sizeOptionThatDisagreesIsReportedAndTheChunkStillAcked() throws Exception {
    try (ForwardClient client = new ForwardClient(port)) {
      client.send(pack(List.of("app.size", List.of(List.of(T0, record("message", "only one"))),
          record("chunk", "s-1", "size", 5))));
      assertThat(client.answer()).containsEntry("ack", "s-1");
    }
    server.awaitTotal("service:\"app.size\"", 1);
    JsonNode dead = server.awaitTotal("logtype:dead_letter", 1).path("events").get(0);
    assertThat(dead.path("dead_letter.reason").asText())
        .contains("option size says 5 entries but the message carried 1", "chunk s-1");
  }
}
