package dev.corral.server.inputs.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.loki4j.pkg.google.protobuf.Timestamp;
import com.github.loki4j.pkg.loki.protobuf.Push;
import com.google.protobuf.ByteString;
import dev.corral.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** Loki pushes built by hand, as Promtail, Alloy and Fluent Bit send them, in JSON and protobuf+snappy. */
class LokiPushTest {
  static final String PUSH = "/loki/api/v1/push";
  static final ObjectMapper JSON = new ObjectMapper();
  static final long T0 = 1_763_744_400_123_456_789L; // 2025-11-21T17:00:00.123456789Z
  static final String UNICODE = "commande payée ✓ 日本語 Ωmega 🚀";
  static final String STACK_TRACE = """
      payment failed
      java.lang.IllegalStateException: card declined
      \tat shop.Payments.charge(Payments.java:42)
      \tat shop.Checkout.run(Checkout.java:7)""";
  static final String LARGE = "large " + "0123456789abcdef".repeat(4096);

  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static TestServer.Reply postJson(TestServer server, String path, byte[] body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return server.post(path, body, all);
  }

  static TestServer.Reply postProtobuf(TestServer server, byte[] protobuf) throws Exception {
    return server.post(PUSH, Snappy.compress(protobuf), "Content-Type", "application/x-protobuf");
  }

  static Push.EntryAdapter entry(long nanos, String line, String... metadata) {
    Push.EntryAdapter.Builder entry = Push.EntryAdapter.newBuilder()
        .setTimestamp(Timestamp.newBuilder().setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L)))
        .setLine(line);
    for (int i = 0; i < metadata.length; i += 2) {
      entry.addStructuredMetadata(Push.LabelPairAdapter.newBuilder().setName(metadata[i]).setValue(metadata[i + 1]));
    }
    return entry.build();
  }

  private static ArrayNode value(ArrayNode values, long nanos, String line) {
    return values.addArray().add(Long.toString(nanos)).add(line);
  }

  @Test
  void jsonPushStoresEveryEntryWithLabelsMetadataAndNanosecondTimeAndAnswers204() throws Exception {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode stream = body.putArray("streams").addObject();
    stream.putObject("stream").put("service_name", "payments").put("level", "error").put("env", "prod");
    ArrayNode values = stream.putArray("values");
    value(values, T0, UNICODE).addObject().put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").put("user", "u-7");
    value(values, T0 + 1, STACK_TRACE + "\n");
    value(values, T0 + 2, LARGE);

    TestServer.Reply reply = postJson(server, PUSH, JSON.writeValueAsBytes(body));
    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();

    server.awaitTotal("service:payments AND level:ERROR AND environment:prod", 3);
    JsonNode unicode = server.search("trace_id:4bf92f3577b34da6a3ce929d0e0e4736").path("events").get(0);
    assertThat(unicode.path("message").asText()).isEqualTo(UNICODE);
    assertThat(unicode.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456789Z");
    assertThat(unicode.path("user").asText()).isEqualTo("u-7");
    JsonNode trace = server.search("service:payments AND \"card declined\"").path("events").get(0);
    assertThat(trace.path("message").asText()).isEqualTo(STACK_TRACE);
    assertThat(trace.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456790Z");
    JsonNode large = server.search("service:payments AND large").path("events").get(0);
    assertThat(large.path("message").asText()).isEqualTo(LARGE);
  }

  @Test
  void protobufPushStoresEveryEntryWithLabelsMetadataAndNanosecondTime() throws Exception {
    Push.PushRequest request = Push.PushRequest.newBuilder()
        .addStreams(Push.StreamAdapter.newBuilder().setLabels("{service_name=\"ledger\", host=\"db-1\"}")
            .addEntries(entry(T0, UNICODE, "level", "warn", "trace_id", "abc123"))
            .addEntries(entry(T0 + 1, STACK_TRACE, "level", "error"))
            .addEntries(entry(T0 + 2, LARGE)))
        .addStreams(Push.StreamAdapter.newBuilder().setLabels("{job=\"varlogs\", filename=\"/var/log/syslog\"}")
            .addEntries(entry(T0 + 3, "kernel: eth0 up")))
        .build();

    TestServer.Reply reply = postProtobuf(server, request.toByteArray());
    assertThat(reply.status()).isEqualTo(204);

    server.awaitTotal("service:ledger AND host:db-1", 3);
    JsonNode unicode = server.search("trace_id:abc123").path("events").get(0);
    assertThat(unicode.path("message").asText()).isEqualTo(UNICODE);
    assertThat(unicode.path("level").asText()).isEqualTo("WARN");
    assertThat(unicode.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456789Z");
    JsonNode trace = server.search("service:ledger AND level:ERROR").path("events").get(0);
    assertThat(trace.path("message").asText()).isEqualTo(STACK_TRACE);
    JsonNode large = server.search("service:ledger AND level:INFO").path("events").get(0);
    assertThat(large.path("message").asText()).isEqualTo(LARGE);
    JsonNode syslog = server.awaitTotal("service:varlogs", 1).path("events").get(0);
    assertThat(syslog.path("job").asText()).isEqualTo("varlogs");
    assertThat(syslog.path("filename").asText()).isEqualTo("/var/log/syslog");
  }

  @Test
  void malformedEntryBecomesADeadLetterWhileTheRestAreStored() throws Exception {
    String body = """
        {"streams":[{"stream":{"app":"orders"},"values":[
          ["%d","order 1 placed"],
          ["yesterday","order 2 placed"],
          ["%d","order 3 placed"]]}]}
        """.formatted(T0, T0 + 2);
    TestServer.Reply reply = postJson(server, PUSH, body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.body()).contains("2 entries stored; 1 rejected and kept as dead letters")
        .contains("stream 1, entry 2: timestamp \"yesterday\" is not a number");
    server.awaitTotal("service:orders", 2);
    JsonNode dead = server.awaitTotal("logtype:dead_letter", 1).path("events").get(0);
    assertThat(dead.path("dead_letter.input").asText()).isEqualTo("loki");
    assertThat(dead.path("dead_letter.reason").asText()).startsWith("stream 1, entry 2: timestamp \"yesterday\"");
    assertThat(dead.path("dead_letter.excerpt").asText()).isEqualTo("[\"yesterday\",\"order 2 placed\"]");
  }

  @Test
  void protobufEntryWithInvalidUtf8BecomesADeadLetterWhileTheRestAreStored() throws Exception {
    Push.StreamAdapter good = Push.StreamAdapter.newBuilder().setLabels("{app=\"stock\"}")
        .addEntries(entry(T0, "first")).addEntries(entry(T0 + 1, "second")).build();
    byte[] badLine = {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28};
    // EntryAdapter refuses to build with invalid UTF-8, so the entry is spliced in as raw wire bytes.
    ByteString badEntry = ByteString.copyFrom(new byte[] {0x0a, 0x02, 0x08, 0x01, 0x12, (byte) badLine.length})
        .concat(ByteString.copyFrom(badLine));
    ByteString stream = good.toByteString()
        .concat(ByteString.copyFrom(new byte[] {0x12, (byte) badEntry.size()})).concat(badEntry);
    byte[] request = ByteString.copyFrom(new byte[] {0x0a, (byte) stream.size()}).concat(stream).toByteArray();

    TestServer.Reply reply = postProtobuf(server, request);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).contains("stream 1, entry 3: malformed entry (Protocol message had invalid UTF-8)");
    server.awaitTotal("service:stock", 2);
    JsonNode dead = server.awaitTotal("logtype:dead_letter", 1).path("events").get(0);
    assertThat(dead.path("dead_letter.excerpt").asText()).contains("bad ");
  }

  @Test
  void jsonLinesAreDecodedAsStructuredEventsWithTheLabelsAdded() throws Exception {
    String line = "{\"level\":\"error\",\"msg\":\"charge failed\",\"trace_id\":\"t-9\",\"amount\":12.5,"
        + "\"exception\":\"java.io.IOException: reset\\n\\tat x.Y.z(Y.java:1)\"}";
    ObjectNode body = JSON.createObjectNode();
    ObjectNode stream = body.putArray("streams").addObject();
    stream.putObject("stream").put("service_name", "billing").put("cluster", "eu-1");
    value(stream.putArray("values"), T0, line);

    assertThat(postJson(server, PUSH, JSON.writeValueAsBytes(body)).status()).isEqualTo(204);
    JsonNode event = server.awaitTotal("service:billing AND level:ERROR", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo("charge failed");
    assertThat(event.path("trace_id").asText()).isEqualTo("t-9");
    assertThat(event.path("amount").asDouble()).isEqualTo(12.5);
    assertThat(event.path("cluster").asText()).isEqualTo("eu-1");
    assertThat(event.path("exception.type").asText()).isEqualTo("java.io.IOException");
    assertThat(event.path("timestamp").asText()).isEqualTo("2025-11-21T17:00:00.123456789Z");
  }

  @Test
  void gzipCompressedJsonAndProtobufAreAccepted() throws Exception {
    byte[] json = """
        {"streams":[{"stream":{"app":"zipped"},"values":[["%d","from gzip json"]]}]}
        """.formatted(T0).getBytes(StandardCharsets.UTF_8);
    assertThat(postJson(server, PUSH, gzip(json), "Content-Encoding", "gzip").status()).isEqualTo(204);
    byte[] protobuf = Push.PushRequest.newBuilder().addStreams(Push.StreamAdapter.newBuilder()
        .setLabels("{app=\"zipped\"}").addEntries(entry(T0, "from gzip protobuf"))).build().toByteArray();
    TestServer.Reply reply = server.post(PUSH, gzip(Snappy.compress(protobuf)), "Content-Type",
        "application/x-protobuf", "Content-Encoding", "gzip");
    assertThat(reply.status()).isEqualTo(204);
    server.awaitTotal("service:zipped", 2);
  }

  @Test
  void legacyPushPathAndMissingContentTypeAreProtobufLikeLoki() throws Exception {
    byte[] protobuf = Push.PushRequest.newBuilder().addStreams(Push.StreamAdapter.newBuilder()
        .setLabels("{app=\"legacy\"}").addEntries(entry(T0, "old promtail"))).build().toByteArray();
    assertThat(server.post("/api/prom/push", Snappy.compress(protobuf)).status()).isEqualTo(204);
    server.awaitTotal("service:legacy", 1);
  }

  static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
