package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.TestServer;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oversized and malformed Authorization headers, sent byte for byte (no client cleans them up), on a
 * server with keys: each is a clean 401 with a JSON reason that quotes at most a short excerpt and
 * never the secret sent; raw control characters in the header line are refused by the HTTP parser
 * itself (400, before any key is read: HTTP allows none in a field value); a header past the
 * server's header limit is a clean 431.
 */
class AuthorizationHeaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Put into the secret part of every header: no answer may show it. */
  private static final String SECRET = "SeCrEtMaRkEr";
  /** Longest error reason any of these refusals may have: a sentence, not an echo. */
  private static final int MAX_REASON_CHARS = 200;
  @TempDir
  static Path data;
  private static TestServer server;
  private static String keyId;

  @BeforeAll
  static void start() throws Exception {
    String key = ApiKeys.open(data, Clock.systemUTC()).create(new KeySpec("reader", Scope.READ, List.of(), null, null)).key();
    keyId = key.substring(0, key.indexOf(':'));
    server = TestServer.start(data, Map.of("auth.mode", "keys"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void malformedHeadersAreClean401sThatNeverShowTheSecret() throws Exception {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put("100 KB", ascii("Bearer " + keyId + ":" + SECRET + "x".repeat(100 * 1024)));
    headers.put("control characters in Basic", ascii("Basic " + base64((keyId + "\u0000:" + SECRET).getBytes(StandardCharsets.UTF_8))));
    headers.put("invalid base64", ascii("Basic " + SECRET + "!!!"));
    headers.put("invalid UTF-8 in Basic", ascii("Basic " + base64(join(keyId.getBytes(StandardCharsets.US_ASCII),
        new byte[] {':', (byte) 0xff, (byte) 0xfe}, SECRET.getBytes(StandardCharsets.US_ASCII)))));
    headers.put("Basic with no colon", ascii("Basic " + base64((keyId + SECRET).getBytes(StandardCharsets.UTF_8))));
    headers.put("empty secret (Basic)", ascii("Basic " + base64((keyId + ":").getBytes(StandardCharsets.UTF_8))));
    headers.put("empty secret (Bearer)", ascii("Bearer " + keyId + ":"));
    headers.put("a scheme and nothing else", ascii("Basic"));
    headers.put("a long unknown scheme", ascii("X".repeat(10_000) + " " + keyId + ":" + SECRET));
    for (Map.Entry<String, byte[]> header : headers.entrySet()) {
      String answer = RawHttp.exchange(server.server().port(), request(header.getValue()));
      assertThat(RawHttp.header(answer, "WWW-Authenticate")).as(header.getKey()).isEqualTo("ApiKey");
      assertCleanError(header.getKey(), answer, 401);
    }
    String control = RawHttp.exchange(server.server().port(),
        request(ascii("Bearer " + keyId + ":" + SECRET + "\u0001\u0007")));
    assertCleanError("raw control characters", control, 400);
  }

  private static void assertCleanError(String what, String answer, int status) throws Exception {
    assertThat(RawHttp.status(answer)).as(what + ": " + answer).isEqualTo(status);
    JsonNode body = JSON.readTree(RawHttp.body(answer));
    assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
    assertThat(body.path("error").asText()).as(what).isNotBlank().hasSizeLessThan(MAX_REASON_CHARS)
        .doesNotContain(SECRET).doesNotContainPattern("\\p{Cntrl}");
  }

  @Test
  void aHeaderPastTheServersLimitIsAClean431() throws Exception {
    String answer = RawHttp.exchange(server.server().port(),
        request(ascii("Bearer " + keyId + ":" + SECRET + "x".repeat(200 * 1024))));
    assertCleanError("200 KB", answer, 431);
  }

  /** A search request with this Authorization value, byte for byte. */
  private static byte[] request(byte[] authorization) {
    return join(ascii("GET /api/v1/search?q=* HTTP/1.1\r\nHost: localhost\r\nAuthorization: "), authorization,
        ascii("\r\nConnection: close\r\n\r\n"));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] join(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
