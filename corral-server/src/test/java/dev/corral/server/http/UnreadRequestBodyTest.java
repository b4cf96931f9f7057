package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.server.TestServer;
import dev.corral.server.dashboards.DashboardJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request body its handler left unread (refused before the handler, cut at a size limit) never
 * costs the client its next request: the server reads the rest after answering and keeps the
 * connection, or says {@code Connection: close} in that answer and closes — never closes after an
 * answer that let the client reuse the connection. Each sequence is sent byte for byte over one
 * socket, in the order that used to fail (the answer read before the rest of the body is sent), and
 * through the JDK's HTTP client as the API tests use it. The refusal before the handler is the
 * origin policy's 403 to a write from a page of another site.
 */
class UnreadRequestBodyTest {
  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
  /** A write from another site's page: refused (403) before any handler reads the body. */
  private static final String FOREIGN_ORIGIN = "http://elsewhere.example";
  /** Requests sent through the JDK client, each refused before its body is read, each followed by one more. */
  private static final int ROUNDS = 50;
  @TempDir
  static Path data;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(data);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void aRefusalAnsweredBeforeTheBodyWasSentKeepsTheConnectionForTheNextRequest() throws IOException {
    try (Socket socket = connect()) {
      send(socket, refusedPut("Content-Length: 2\r\n"));
      String refused = readAnswer(socket.getInputStream());
      assertThat(RawHttp.status(refused)).isEqualTo(403);
      assertThat(RawHttp.header(refused, "Connection")).as("the connection is kept").isNull();

      send(socket, "{}" + HEALTH);
      String next = readAnswer(socket.getInputStream());
      assertThat(next).as("the next request on the connection is answered").isNotNull();
      assertThat(RawHttp.status(next)).isEqualTo(200);
    }
  }

  @Test
  void aBodyCutAtTheSizeLimitIsReadToItsEndAfterThe413AndTheConnectionKept() throws IOException {
    int limit = DashboardJson.MAX_BODY_BYTES;
    byte[] body = new byte[limit + 64 * 1024];
    Arrays.fill(body, (byte) ' ');
    try (Socket socket = connect()) {
      send(socket, "PUT /api/v1/dashboards/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(body, 0, limit + 1); // what the handler reads before it refuses
      out.flush();
      String refused = readAnswer(socket.getInputStream());
      assertThat(RawHttp.status(refused)).isEqualTo(413);
      assertThat(RawHttp.header(refused, "Connection")).isNull();

      out.write(body, limit + 1, body.length - limit - 1);
      send(socket, HEALTH);
      String next = readAnswer(socket.getInputStream());
      assertThat(next).as("the next request on the connection is answered").isNotNull();
      assertThat(RawHttp.status(next)).isEqualTo(200);
    }
  }

  @Test
  void anUnreadRestOverTheSkipLimitIsRefusedWithConnectionCloseAndTheConnectionEnds() throws IOException {
    assertClosedAfterRefusal("Content-Length: " + (ClientBody.MAX_SKIPPED_BYTES + 1) + "\r\n");
  }

  @Test
  void anUnreadChunkedBodyIsRefusedWithConnectionCloseAndTheConnectionEnds() throws IOException {
    assertClosedAfterRefusal("Transfer-Encoding: chunked\r\n");
  }

  @Test
  void aClientWaitingFor100ContinueIsNotAskedForABodyNobodyReads() throws IOException {
    String answer = assertClosedAfterRefusal("Content-Length: 10\r\nExpect: 100-continue\r\n");
    assertThat(answer).as("no 100 Continue before the refusal").startsWith("HTTP/1.1 403");
  }

  @Test
  void aBodyEndingBeforeItsAnnouncedLengthEndsThatConnectionAndTheServerServesOthers() throws IOException {
    try (Socket socket = connect()) {
      send(socket, refusedPut("Content-Length: 100\r\n"));
      assertThat(RawHttp.status(readAnswer(socket.getInputStream()))).isEqualTo(403);
      send(socket, "{\"title\":");
      socket.shutdownOutput();
      assertThat(socket.getInputStream().read()).as("nothing more is answered; the server closes").isEqualTo(-1);
    }
    try (Socket socket = connect()) {
      send(socket, HEALTH);
      assertThat(RawHttp.status(readAnswer(socket.getInputStream()))).isEqualTo(200);
    }
  }

  @Test
  void theJdkClientReusesItsConnectionAfterRefusalsOfRequestsWithBodies() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (int round = 0; round < ROUNDS; round++) {
      HttpResponse<String> refused = client.send(HttpRequest.newBuilder(server.uri("/api/v1/dashboards/round"))
          .header("Origin", FOREIGN_ORIGIN).PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"panels\":[]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
      HttpResponse<String> next = client.send(HttpRequest.newBuilder(server.uri("/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(next.statusCode()).as("round %d", round).isEqualTo(200);
    }
  }

  /** Sends a refused PUT with {@code bodyHeaders} and no body; its answer must say Connection: close, then the connection ends. */
  private static String assertClosedAfterRefusal(String bodyHeaders) throws IOException {
    try (Socket socket = connect()) {
      send(socket, refusedPut(bodyHeaders));
      InputStream in = socket.getInputStream();
      String answer = readAnswer(in);
      assertThat(RawHttp.status(answer)).isEqualTo(403);
      assertThat(RawHttp.header(answer, "Connection")).isEqualToIgnoringCase("close");
      assertThat(in.read()).as("the server closes after saying so").isEqualTo(-1);
      return answer;
    }
  }

  /** The head of a PUT refused before its handler, with {@code bodyHeaders} (each line ending in CRLF). */
  private static String refusedPut(String bodyHeaders) {
    return "PUT /api/v1/dashboards/refused HTTP/1.1\r\nHost: localhost\r\nOrigin: " + FOREIGN_ORIGIN
        + "\r\nContent-Type: application/json\r\n" + bodyHeaders + "\r\n";
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.server().port());
    socket.setSoTimeout(60_000); // only against a hung test: every answer comes without waiting
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** One answer (its head and a Content-Length body), or null when the connection ended before its first byte. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(next);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String length = RawHttp.header(text, "Content-Length");
    byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
    return text + new String(body, StandardCharsets.UTF_8);
  }
}
