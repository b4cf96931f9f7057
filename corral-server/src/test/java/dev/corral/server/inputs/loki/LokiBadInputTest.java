package dev.corral.server.inputs.loki;

import static dev.corral.server.inputs.loki.LokiPushTest.PUSH;
import static dev.corral.server.inputs.loki.LokiPushTest.T0;
import static dev.corral.server.inputs.loki.LokiPushTest.entry;
import static dev.corral.server.inputs.loki.LokiPushTest.gzip;
import static dev.corral.server.inputs.loki.LokiPushTest.postJson;
import static dev.corral.server.inputs.loki.LokiPushTest.postProtobuf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.loki4j.pkg.loki.protobuf.Push;
import dev.corral.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * Every way a push can be wrong, each answered in Loki's plain-text style with a reason naming the
 * value, the limit and the place. Whole-body problems store nothing; entry problems become dead
 * letters next to the stored rest.
 */
class LokiBadInputTest {
  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("http.max_body_bytes", "256KiB", "ingest.max_event_bytes", "100KiB"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply json(String body, String... headers) {
    return postJson(server, PUSH, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static byte[] validProtobuf(String app) {
    return Push.PushRequest.newBuilder().addStreams(Push.StreamAdapter.newBuilder()
        .setLabels("{app=\"" + app + "\"}").addEntries(entry(T0, "hello")).addEntries(entry(T0 + 1, "again")))
        .build().toByteArray();
  }

  private static void assertPlainText(TestServer.Reply reply, int status, String... reasonParts) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    for (String part : reasonParts) {
      assertThat(reply.body()).contains(part);
    }
  }

  private void assertNothingStored() {
    assertThat(server.search("*").path("total").asLong()).isZero();
  }

  @Test
  void malformedJsonIsRefusedWholeWithItsPosition() {
    assertPlainText(json("{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"x\"]"), 400,
        "malformed JSON at line 1, column", "nothing from this request was stored");
    assertPlainText(json("{\"streams\":[{\"stream\":{\"app\":\"a\"} \"values\":[]}]}"), 400,
        "malformed JSON at line 1, column 35");
    assertNothingStored();
  }

  @Test
  void bodyThatIsNotAPushObjectIsRefusedWhole() {
    assertPlainText(json("[{\"stream\":{}}]"), 400, "expected a JSON object {\"streams\":[");
    assertPlainText(json("{\"stream\":{\"app\":\"a\"},\"values\":[]}"), 400, "the body has no \"streams\" member");
    assertPlainText(json("{\"streams\":{\"app\":\"a\"}}"), 400, "\"streams\" must be an array of streams, got an object");
    assertPlainText(json("{\"streams\":[]} {}"), 400, "content after the push object: an object at byte 16");
    assertNothingStored();
  }

  @Test
  void emptyBodyIsRefused() {
    assertPlainText(json(""), 400, "request body is empty");
  }

  @Test
  void malformedProtobufIsRefusedWhole() throws Exception {
    byte[] valid = validProtobuf("a");
    assertPlainText(postProtobuf(server, Arrays.copyOf(valid, valid.length - 3)), 400,
        "malformed protobuf PushRequest at byte", "(stream 1): While parsing a protocol message, the input ended "
            + "unexpectedly in the middle of a field;", "nothing from this request was stored");
    assertPlainText(postProtobuf(server, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}),
        400, "malformed protobuf PushRequest");
    assertNothingStored();
  }

  @Test
  void snappyCorruptedOrUncompressedBodyIsRefusedWhole() throws Exception {
    byte[] compressed = Snappy.compress(validProtobuf("a"));
    byte[] corrupt = compressed.clone();
    for (int i = 2; i < corrupt.length; i++) {
      corrupt[i] = (byte) 0xff;
    }
    assertPlainText(server.post(PUSH, corrupt, "Content-Type", "application/x-protobuf"), 400,
        "body is not a valid snappy block", "snappy-compressed logproto.PushRequest");
    assertPlainText(server.post(PUSH, Arrays.copyOf(compressed, compressed.length / 2), "Content-Type",
        "application/x-protobuf"), 400, "body is not a valid snappy block");
    byte[] framed = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0x01, 0x00};
    assertPlainText(server.post(PUSH, framed, "Content-Type", "application/x-protobuf"), 400,
        "framed snappy format");
    assertNothingStored();
  }

  @Test
  void truncatedGzipIsRefusedWhole() throws Exception {
    byte[] zipped = gzip("{\"streams\":[{\"stream\":{\"app\":\"z\"},\"values\":[[\"1\",\"x\"]]}]}"
        .getBytes(StandardCharsets.UTF_8));
    TestServer.Reply reply = postJson(server, PUSH, Arrays.copyOf(zipped, zipped.length / 2), "Content-Encoding", "gzip");
    assertPlainText(reply, 400, "gzip body is truncated or corrupt");
    assertNothingStored();
  }

  @Test
  void wrongContentTypeOrEncodingIsRefusedWith415() {
    assertPlainText(server.post(PUSH, "app=a msg=x".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain"),
        415, "Content-Type 'text/plain' is not supported", "application/json or application/x-protobuf");
    assertPlainText(json("{\"streams\":[]}", "Content-Encoding", "br"), 415, "Content-Encoding 'br' is not supported");
  }

  @Test
  void badTimestampsAreDeadLettersWithTheirReasonAndTheRestIsStored() throws Exception {
    TestServer.Reply reply = json("""
        {"streams":[{"stream":{"app":"clock"},"values":[
          ["%d","good one"],
          ["17:00","not a number"],
          ["99999999999999999999","beyond 2262"],
          ["-1","before 1970"],
          [1.5,"a float"],
          ["%d","good two"]]}]}
        """.formatted(T0, T0 + 1));
    assertPlainText(reply, 400, "2 entries stored; 4 rejected",
        "stream 1, entry 2: timestamp \"17:00\" is not a number",
        "stream 1, entry 3: timestamp \"99999999999999999999\" is out of range",
        "stream 1, entry 4: timestamp \"-1\" is out of range",
        "stream 1, entry 5: timestamp must be a string of nanoseconds since the epoch, got a number");
    server.awaitTotal("service:clock", 2);
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:loki", 4);
  }

  @Test
  void protobufTimestampOutOfRangeOrMissingIsADeadLetter() throws Exception {
    Push.EntryAdapter noTime = Push.EntryAdapter.newBuilder().setLine("timeless").build();
    Push.EntryAdapter yearOne = entry(0, "zero time").toBuilder()
        .setTimestamp(com.github.loki4j.pkg.google.protobuf.Timestamp.newBuilder().setSeconds(-62_135_596_800L)).build();
    byte[] request = Push.PushRequest.newBuilder().addStreams(Push.StreamAdapter.newBuilder()
        .setLabels("{app=\"pbclock\"}").addEntries(entry(T0, "fine")).addEntries(noTime).addEntries(yearOne))
        .build().toByteArray();
    assertPlainText(postProtobuf(server, request), 400, "stream 1, entry 2: entry has no timestamp",
        "stream 1, entry 3: timestamp -62135596800s 0ns is out of range");
    server.awaitTotal("service:pbclock", 1);
    server.awaitTotal("logtype:dead_letter", 2);
  }

  @Test
  void lineOverTheEventLimitIsADeadLetterAndTheRestIsStored() throws Exception {
    String huge = "y".repeat(150 * 1024);
    TestServer.Reply reply = json("""
        {"streams":[{"stream":{"app":"big"},"values":[["%d","%s"],["%d","small"]]}]}
        """.formatted(T0, huge, T0 + 1));
    assertPlainText(reply, 400, "stream 1, entry 1: line is 153600 bytes, more than the limit of 102400 bytes "
        + "(ingest.max_event_bytes)");
    server.awaitTotal("service:big", 1);
    JsonNode dead = server.awaitTotal("logtype:dead_letter", 1).path("events").get(0);
    assertThat(dead.path("dead_letter.bytes").asLong()).isEqualTo(153600);
    assertThat(dead.path("dead_letter.excerpt").asText()).startsWith("yyyy");
  }

  @Test
  void invalidUtf8InAJsonBodyIsRefusedWholeWithItsByte() throws Exception {
    byte[] body = "{\"streams\":[{\"stream\":{\"app\":\"u\"},\"values\":[[\"1\",\"caf\u00e9 X\"]]}]}"
        .getBytes(StandardCharsets.UTF_8);
    int at = new String(body, StandardCharsets.UTF_8).indexOf('X') + 1; // byte index of 'X' (é is 2 bytes)
    body[at] = (byte) 0xC3;
    TestServer.Reply reply = postJson(server, PUSH, body);
    assertPlainText(reply, 400, "invalid UTF-8 at byte " + (at + 1) + " (0xc3)", "a JSON push must be UTF-8");
    assertNothingStored();
  }

  @Test
  void wrongShapesInsideStreamsAreDeadLettersAndUnknownMembersAreIgnored() throws Exception {
    TestServer.Reply reply = json("""
        {"version":3,"streams":[
          {"stream":{"app":"shapes"},"extra":{"x":[1,2]},"values":[
            ["%d","fine"],
            "not an entry",
            ["%d",42],
            ["%d","nested metadata",{"user":{"id":1}}],
            ["%d","four","{}",{}],
            ["%d"],
            ["%d","metadata kept",{"trace_id":"t-1","retries":3,"cached":true,"gone":null}]]},
          {"stream":["app","broken"],"values":[["%d","labels broken"]]},
          {"stream":{"app":"shapes"},"values":"none"},
          7]}
        """.formatted(T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4, T0 + 5, T0 + 6));
    assertPlainText(reply, 400, "2 entries stored; 8 rejected",
        "stream 1, entry 2: expected an entry [timestamp, line]",
        "stream 1, entry 3: line must be a string, got a number",
        "stream 1, entry 4: structured metadata \"user\" must be a string, got an object",
        "stream 1, entry 5: structured metadata must be an object of strings, got a string",
        "stream 1, entry 6: entry has 1 element; expected [timestamp, line]",
        "stream 2, entry 1: \"stream\" labels: labels must be an object of strings, got an array",
        "stream 3: \"values\" must be an array of [timestamp, line] entries, got a string",
        "stream 4: expected a stream object");
    server.awaitTotal("service:shapes", 2);
    JsonNode kept = server.search("trace_id:t-1").path("events").get(0);
    assertThat(kept.path("retries").asText()).isEqualTo("3");
    assertThat(kept.path("cached").asText()).isEqualTo("true");
    assertThat(kept.has("gone")).isFalse();
    server.awaitTotal("logtype:dead_letter", 8);
  }

  @Test
  void emptyLabelOrMetadataNameIsADeadLetter() throws Exception {
    TestServer.Reply reply = json("""
        {"streams":[{"stream":{"app":"names","":"x"},"values":[["%d","a"]]},
                    {"stream":{"app":"names"},"values":[["%d","b",{"":"y"}],["%d","c"]]}]}
        """.formatted(T0, T0 + 1, T0 + 2));
    assertPlainText(reply, 400, "stream 1, entry 1: \"stream\" labels: label name is empty",
        "stream 2, entry 1: structured metadata name is empty");
    server.awaitTotal("service:names", 1);
  }

  @Test
  void protobufStreamWithUnreadableLabelsSendsItsEntriesToDeadLetters() throws Exception {
    byte[] request = Push.PushRequest.newBuilder()
        .addStreams(Push.StreamAdapter.newBuilder().setLabels("{app=unquoted}").addEntries(entry(T0, "lost?")))
        .addStreams(Push.StreamAdapter.newBuilder().setLabels("{app=\"fine\"}").addEntries(entry(T0, "kept")))
        .build().toByteArray();
    assertPlainText(postProtobuf(server, request), 400,
        "stream 1, entry 1: labels \"{app=unquoted}\": expected '\"' at character 6, found 'u'");
    server.awaitTotal("service:fine", 1);
    JsonNode dead = server.awaitTotal("logtype:dead_letter", 1).path("events").get(0);
    assertThat(dead.path("dead_letter.excerpt").asText()).isEqualTo("lost?");
  }

  @Test
  void tooManyStreamsAndEntriesAreBoundedByTheBodyLimit() throws Exception {
    StringBuilder body = new StringBuilder("{\"streams\":[");
    for (int i = 0; i < 5000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"stream\":{\"app\":\"many\"},\"values\":[[\"").append(T0 + i)
          .append("\",\"entry ").append(i).append("\"]]}");
    }
    body.append("]}");
    assertPlainText(json(body.toString()), 413, "more than the limit of 262144 bytes (http.max_body_bytes)");

    Push.StreamAdapter.Builder stream = Push.StreamAdapter.newBuilder().setLabels("{app=\"many\"}");
    for (int i = 0; i < 5_000; i++) {
      stream.addEntries(entry(T0 + i, "the same line over and over ".repeat(8)));
    }
    byte[] protobuf = Push.PushRequest.newBuilder().addStreams(stream).build().toByteArray();
    byte[] compressed = Snappy.compress(protobuf);
    assertThat(compressed.length).isLessThan(256 * 1024);
    assertPlainText(server.post(PUSH, compressed, "Content-Type", "application/x-protobuf"), 413,
        "snappy body decompresses to " + protobuf.length + " bytes, more than the limit of 262144 bytes "
            + "(http.max_body_bytes)");
    assertNothingStored();
  }

  @Test
  void serverThatCannotTakeWritesAnswersInPlainTextWithRetryAfter() throws Exception {
    server.close();
    server = TestServer.start(data, Map.of("storage.min_free_bytes", "1024TiB"));
    TestServer.Reply reply = postProtobuf(server, validProtobuf("full"));
    assertPlainText(reply, 507, "disk nearly full", "storage.min_free_bytes");
    assertThat(reply.header("Retry-After")).isEqualTo("30");
  }
}
