package dev.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.corral.server.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Findings 3 and 10 of issue 12: every error the server answers, also those its HTTP parser finds,
 * is the JSON error body (never an HTML page); no error body shows the data directory or a stack
 * trace; a client that stops sending its body is not an ERROR in the server log.
 */
class ErrorBodiesTest extends ServerPerTest {
  private static void assertJsonError(String answer, int status) {
    assertThat(RawHttp.status(answer)).as(answer).isEqualTo(status);
    assertThat(answer).as(answer).contains("Content-Type: application/json").doesNotContainIgnoringCase("<html");
    assertThat(RawHttp.body(answer)).as(answer).startsWith("{\"status\":" + status + ",\"error\":");
  }

  @Test
  void aRawPipeInTheUrlGetsJsonNotAnHtmlPage() throws Exception {
    server = TestServer.start(data);
    server.ingest("{\"service\":\"pipe\",\"level\":\"ERROR\",\"message\":\"boom\"}\n");
    server.awaitTotal("service:pipe", 1);
    for (String target : new String[] {"/api/v1/search?q=service:pipe|stats%20count()", "/api/v1/trace/a|b",
        "/api/v1/fields/service|x"}) {
      String answer = RawHttp.get(port(), target, "Host: localhost");
      assertThat(answer).as(target).contains("Content-Type: application/json").doesNotContainIgnoringCase("<html");
      assertThat(RawHttp.body(answer)).as(target).startsWith("{");
    }
  }

  @Test
  void errorsTheHttpParserFindsAreJson() throws Exception {
    server = TestServer.start(data);
    assertJsonError(RawHttp.exchange(port(), "GET /api/v1/search?q=a b HTTP/1.1\r\nHost: localhost"), 400);
    assertJsonError(RawHttp.exchange(port(), "GARBAGE\r\nHost: localhost"), 400);
    assertJsonError(RawHttp.get(port(), "/api/v1/search?q=%zz", "Host: localhost"), 400);
    assertJsonError(RawHttp.get(port(), "/api/v1/tr%zzace/x", "Host: localhost"), 400);
    assertJsonError(RawHttp.get(port(), "/health", "Host: localhost", "X-Big: " + "b".repeat(200_000)), 431);
    assertJsonError(RawHttp.get(port(), "/nowhere", "Host: localhost"), 404);
    String notAllowed = RawHttp.exchange(port(), "DELETE /api/v1/search HTTP/1.1\r\nHost: localhost");
    assertJsonError(notAllowed, 405);
    assertThat(notAllowed).contains("Allow: GET");
  }

  @Test
  void errorBodiesDoNotShowTheDataDirectory() throws Exception {
    server = TestServer.start(data, Map.of("storage.min_free_bytes", "1024TiB"));
    TestServer.Reply full = server.ingest("{\"service\":\"after\",\"message\":\"no room\"}\n");
    assertThat(full.status()).isEqualTo(507);
    assertThat(full.body()).contains("disk nearly full").contains("<data.dir>")
        .doesNotContain(data.toAbsolutePath().toString());
  }

  @Test
  void anUnexpectedFailureAnswersAnIncidentIdAndLogsTheDetail() throws Exception {
    server = TestServer.start(data);
    Path dashboards = data.resolve("dashboards");
    if (Files.isDirectory(dashboards)) {
      Files.delete(dashboards);
    }
    Files.writeString(dashboards, "a file where the dashboards directory should be");
    try (LogCapture log = new LogCapture()) {
      TestServer.Reply reply = server.send("PUT", "/api/v1/dashboards/broken",
          "{\"title\": \"Broken\", \"panels\": []}", "Content-Type", "application/json");
      assertThat(reply.status()).as(reply.body()).isEqualTo(500);
      String incident = reply.json().path("error").asText().replaceAll(".*incident ([0-9a-f]+).*", "$1");
      assertThat(incident).matches("[0-9a-f]{8}");
      assertThat(reply.body()).doesNotContain(data.toAbsolutePath().toString()).doesNotContain("\tat ");
      ILoggingEvent logged = log.await("the failure with its incident id",
          event -> incident.equals(LogCapture.value(event, "incident")));
      assertThat(logged.getLevel()).isEqualTo(Level.ERROR);
      assertThat(logged.getThrowableProxy()).isNotNull();
    }
  }

  @Test
  void anAbortedUploadIsOneDebugLineNotAnError() throws Exception {
    server = TestServer.start(data);
    try (LogCapture log = new LogCapture()) {
      try (Socket socket = new Socket("127.0.0.1", port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
            + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write("{\"service\":\"aborted\",\"message\":\"the rest never comes\"}\n".repeat(20)
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      ILoggingEvent aborted = log.await("the aborted upload", event -> event.getFormattedMessage()
          .equals("client stopped sending the request body"));
      assertThat(aborted.getLevel()).isEqualTo(Level.DEBUG);
      assertThat(aborted.getThrowableProxy()).isNull();
      assertThat(log.events()).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
      assertThat(log.events()).noneMatch(event -> event.getThrowableProxy() != null);
    }
    assertThat(server.search("service:aborted").path("total").asLong()).isZero();
  }
}
