package dev.corral.server.inputs.gelf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /gelf} over raw HTTP: what senders do (batches, gzip and zlib with or without a
 * header, chunked transfer, the content types they send) and every kind of bad input, each with
 * Graylog's answers (202, empty body) or a JSON reason.
 */
class GelfHttpEndpointTest {
  private static final String JSON = "application/json";

  @TempDir
  Path data;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(data, Map.of("http.max_body_bytes", "256KiB", "ingest.max_event_bytes", "128KiB"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestServer.Reply post(String body, String... headers) {
    return server.post("/gelf", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static String gelf(String service, String message) {
    return "{\"version\":\"1.1\",\"host\":\"h1\",\"short_message\":\"" + message + "\",\"level\":6,\"_service\":\"" + service + "\"}";
  }

  private static void assertAccepted(TestServer.Reply reply, int accepted, int rejected) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.header("X-Corral-Accepted")).isEqualTo(Integer.toString(accepted));
    assertThat(reply.header("X-Corral-Rejected")).isEqualTo(Integer.toString(rejected));
  }

  /** The dead letter whose excerpt contains {@code word}, among the {@code total} GELF dead letters. */
  private JsonNode deadLetter(int total, String word) throws InterruptedException {
    JsonNode events = server.awaitTotal("logtype:dead_letter AND dead_letter.input:gelf", total).path("events");
    for (JsonNode event : events) {
      if (event.path("dead_letter.excerpt").asText().contains(word)) {
        assertThat(event.path("service").asText()).isEqualTo("corral");
        return event;
      }
    }
    throw new AssertionError("no dead letter with " + word + " in " + events);
  }

  @Test
  void singleMessageIsAcceptedWith202AndAnEmptyBody() throws Exception {
    assertAccepted(post(gelf("single", "hello gelf"), "Content-Type", JSON), 1, 0);
    JsonNode event = server.awaitTotal("service:single", 1).path("events").get(0);
    assertThat(event.path("message").asText()).isEqualTo("hello gelf");
    assertThat(event.path("host").asText()).isEqualTo("h1");
  }

  @Test
  void newlineSeparatedBatchIsStoredWithBadLinesAsDeadLetters() throws Exception {
    String body = gelf("batch", "one") + "\r\n" + gelf("batch", "two") + "\n"
        + "{\"short_message\": brokenjson}\n"
        + "{\"host\":\"h1\",\"_service\":\"batch\",\"full_message\":\"missingshort\"}\n"
        + gelf("batch", "three") + "\n";
    assertAccepted(post(body, "Content-Type", "application/x-ndjson"), 3, 2);
    server.awaitTotal("service:batch", 3);
    assertThat(deadLetter(2, "brokenjson").path("dead_letter.reason").asText()).startsWith("line 3: malformed JSON");
    assertThat(deadLetter(2, "missingshort").path("dead_letter.reason").asText())
        .isEqualTo("line 4: GELF message has no short_message, which GELF requires");
  }

  @Test
  void gzipAndZlibBodiesAreReadWithOrWithoutContentEncoding() throws Exception {
    byte[] batch = (gelf("zipped", "gzip with header") + "\n" + gelf("zipped", "second")).getBytes(StandardCharsets.UTF_8);
    assertAccepted(server.post("/gelf", GelfBodyReaderTest.gzip(batch), "Content-Encoding", "gzip"), 2, 0);
    assertAccepted(server.post("/gelf", GelfBodyReaderTest.gzip(
        gelf("zipped", "gzip without header").getBytes(StandardCharsets.UTF_8)), "Content-Type", JSON), 1, 0);
    assertAccepted(server.post("/gelf", GelfBodyReaderTest.zlib(
        gelf("zipped", "zlib without header").getBytes(StandardCharsets.UTF_8))), 1, 0);
    assertAccepted(server.post("/gelf", GelfBodyReaderTest.zlib(
        gelf("zipped", "zlib as deflate").getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "deflate"), 1, 0);
    assertAccepted(server.post("/gelf", GelfBodyReaderTest.zlib(
        gelf("zipped", "graypy style").getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip,deflate"), 1, 0);
    server.awaitTotal("service:zipped", 6);
    server.awaitTotal("service:zipped AND message:\"zlib without header\"", 1);
  }

  @Test
  void chunkedTransferWithoutContentLengthIsRead() throws Exception {
    byte[] body = (gelf("chunked", "first") + "\n" + gelf("chunked", "second")).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(server.uri("/gelf")).header("Content-Type", JSON)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).isEqualTo(202);
    server.awaitTotal("service:chunked", 2);
  }

  @Test
  void curlsFormContentTypeAsInGraylogsDocsIsAccepted() throws Exception {
    assertAccepted(post(gelf("curl", "from curl -d"), "Content-Type", "application/x-www-form-urlencoded"), 1, 0);
    assertAccepted(post(gelf("curl", "no type")), 1, 0);
    server.awaitTotal("service:curl", 2);
  }

  @Test
  void wrongContentTypeIs415WithAReason() {
    TestServer.Reply reply = post(gelf("x", "m"), "Content-Type", "application/x-protobuf");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("error").asText()).contains("application/x-protobuf").contains("application/json");
  }

  @Test
  void unknownContentEncodingIs415() {
    TestServer.Reply reply = post(gelf("x", "m"), "Content-Encoding", "br");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("error").asText()).contains("'br'");
  }

  @Test
  void malformedJsonAloneIs400AndStillADeadLetter() throws Exception {
    TestServer.Reply reply = post("{\"short_message\": lonelybroken", "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(400);
    JsonNode json = reply.json();
    assertThat(json.path("error").asText()).startsWith("GELF message rejected: malformed JSON at column");
    assertThat(json.path("accepted").asInt()).isZero();
    assertThat(json.path("rejected").asInt()).isEqualTo(1);
    assertThat(json.path("errors").get(0).asText()).contains("malformed JSON");
    assertThat(deadLetter(1, "lonelybroken").path("dead_letter.reason").asText()).contains("malformed JSON");
  }

  @Test
  void nonObjectJsonAndMissingShortMessageAre400() {
    assertThat(post("[" + gelf("x", "m") + "]").json().path("error").asText())
        .contains("must be a JSON object, got an array");
    assertThat(post("42").json().path("error").asText()).contains("got a number");
    TestServer.Reply missing = post("{\"version\":\"1.1\",\"host\":\"h\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").asText()).contains("no short_message");
    TestServer.Reply allBad = post("[]\n{}\n");
    assertThat(allBad.json().path("error").asText()).startsWith("all 2 GELF messages rejected; first: line 1:");
  }

  @Test
  void wrongTypesAreReadLeniently() throws Exception {
    assertAccepted(post("""
        {"short_message":"typed","level":"ERROR","timestamp":"2026-11-20T10:00:00Z","_service":"types","_count":"12","_unknown_field":{"nested":true}}
        {"short_message":12345,"level":"nonsense","timestamp":"not a time","_service":"types"}
        """), 2, 0);
    JsonNode typed = server.awaitTotal("service:types AND message:typed", 1).path("events").get(0);
    assertThat(typed.path("level").asText()).isEqualTo("ERROR");
    assertThat(typed.path("timestamp").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(typed.path("unknown_field.nested").asBoolean()).isTrue();
    JsonNode odd = server.awaitTotal("service:types AND message:12345", 1).path("events").get(0);
    assertThat(odd.path("level").asText()).isEqualTo("INFO");
    assertThat(odd.path("level_original").asText()).isEqualTo("nonsense");
    assertThat(odd.path("timestamp_original").asText()).isEqualTo("not a time");
  }

  @Test
  void emptyBodyIs400() {
    TestServer.Reply reply = post("", "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").asText()).contains("empty");
    TestServer.Reply blank = post("\n \n");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("error").asText()).contains("no GELF message");
  }

  @Test
  void truncatedGzipAndCorruptZlibAre400AndStoreNothing() throws Exception {
    byte[] gz = GelfBodyReaderTest.gzip(gelf("never", "cut").getBytes(StandardCharsets.UTF_8));
    TestServer.Reply truncated = server.post("/gelf", Arrays.copyOf(gz, gz.length / 2));
    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.json().path("error").asText()).contains("gzip").contains("truncated or corrupt");
    TestServer.Reply truncatedWithHeader = server.post("/gelf", Arrays.copyOf(gz, gz.length / 2), "Content-Encoding", "gzip");
    assertThat(truncatedWithHeader.status()).isEqualTo(400);
    byte[] z = GelfBodyReaderTest.zlib(gelf("never", "corrupt").getBytes(StandardCharsets.UTF_8));
    Arrays.fill(z, 2, z.length - 4, (byte) 0x5A);
    TestServer.Reply corrupt = server.post("/gelf", z);
    assertThat(corrupt.status()).isEqualTo(400);
    assertThat(corrupt.json().path("error").asText()).contains("zlib");
    assertAccepted(post(gelf("marker", "after the bad ones")), 1, 0);
    server.awaitTotal("service:marker", 1);
    assertThat(server.search("service:never").path("total").asLong()).isZero();
  }

  @Test
  void bodyOverTheLimitIs413() {
    String huge = gelf("big", "x".repeat(300 * 1024));
    TestServer.Reply reply = post(huge, "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().path("error").asText()).contains("limit of 262144 bytes (http.max_body_bytes)");
    TestServer.Reply bomb = server.post("/gelf", gzipQuietly(huge));
    assertThat(bomb.status()).isEqualTo(413);
  }

  @Test
  void messageOverTheEventLimitIs413AndADeadLetter() throws Exception {
    TestServer.Reply reply = post(gelf("big", "oversized" + "y".repeat(140 * 1024)), "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().path("error").asText()).contains("more than the limit of 131072 bytes (ingest.max_event_bytes)");
    server.awaitTotal("logtype:dead_letter AND dead_letter.input:gelf", 1);
    // next to a good message it is just a dead letter
    assertAccepted(post(gelf("big", "y".repeat(140 * 1024)) + "\n" + gelf("big", "small")), 1, 1);
  }

  @Test
  void invalidUtf8IsADeadLetterNamingTheByte() throws Exception {
    byte[] good = (gelf("utf", "fine") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"short_message\":\"badutf \u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = Arrays.copyOf(good, good.length + bad.length);
    System.arraycopy(bad, 0, body, good.length, bad.length);
    assertAccepted(server.post("/gelf", body, "Content-Type", JSON), 1, 1);
    server.awaitTotal("service:utf", 1);
    JsonNode letter = server.awaitTotal("logtype:dead_letter AND dead_letter.input:gelf", 1).path("events").get(0);
    assertThat(letter.path("dead_letter.reason").asText()).isEqualTo("line 2: invalid UTF-8 at byte 26 of the GELF message (0xff)");
  }

  @Test
  void getIsNotAllowed() {
    TestServer.Reply reply = server.get("/gelf");
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("POST");
  }

  private static byte[] gzipQuietly(String text) {
    try {
      return GelfBodyReaderTest.gzip(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
