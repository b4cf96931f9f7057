package dev.corral.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/tail}: live tail over Server-Sent Events, read as a browser would. */
class TailApiTest {
  /** Generous: only a machine under heavy load needs more than a second. */
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir
  Path data;
  TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eventIngestedDuringTheTailArrivesFilteredAndShapedLikeASearchHit() throws Exception {
    server = TestServer.start(data);
    String query = "service:checkout AND level:ERROR";
    try (SseClient tail = SseClient.open(http, server.uri("/api/v1/tail?q=" + encode(query)))) {
      assertThat(tail.response().statusCode()).isEqualTo(200);
      assertThat(tail.response().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
      assertThat(tail.response().headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(server.ingest("""
          {"level":"INFO","service":"checkout","message":"order placed"}
          {"level":"ERROR","service":"billing","message":"card declined"}
          """).status()).isEqualTo(200);
      assertThat(server.ingest("{\"level\":\"ERROR\",\"service\":\"checkout\",\"message\":\"payment failed\",\"trace_id\":\"t-1\"}")
          .status()).isEqualTo(200);

      List<JsonNode> seen = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        JsonNode message = tail.next("events", WAIT).json();
        message.path("events").forEach(seen::add);
        assertThat(message.has("skipped") && message.has("matched_per_second") && message.has("received_per_second"))
            .as("counters in %s", message).isTrue();
      }
      assertThat(seen).as("only the matching event, sent before the ones after it").hasSize(1);
      assertThat(seen.get(0).path("message").asText()).isEqualTo("payment failed");
      JsonNode hit = server.awaitTotal(query, 1).path("events").get(0);
      assertThat(seen.get(0)).as("a tailed event is the event a search returns").isEqualTo(hit);
    }
  }

  @Test
  void badFilterIs400WithPositionBeforeAnyStream() throws Exception {
    server = TestServer.start(data);
    TestServer.Reply unbalanced = server.get("/api/v1/tail?q=" + encode("level:(ERROR"));
    assertThat(unbalanced.status()).isEqualTo(400);
    assertThat(unbalanced.header("Content-Type")).isEqualTo("application/json");
    assertThat(unbalanced.json().path("position").isInt()).isTrue();
    assertThat(unbalanced.json().path("caret").asText()).contains("^");

    TestServer.Reply piped = server.get("/api/v1/tail?q=" + encode("level:ERROR | stats count()"));
    assertThat(piped.status()).isEqualTo(400);
    assertThat(piped.json().path("error").asText()).contains("pipes");
    assertThat(piped.json().path("position").asInt()).isEqualTo(12);

    TestServer.Reply tooLong = server.get("/api/v1/tail?q=" + "a".repeat(70_000));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().path("error").asText()).contains("limit");
    assertThat(stats().path("tail").path("subscribers").asInt()).isZero();
  }

  @Test
  void floodIsSampledWithinTheRateAndEveryEventIsAccountedFor() throws Exception {
    server = TestServer.start(data);
    int requests = 20;
    int perRequest = 1000;
    try (SseClient tail = SseClient.open(http, server.uri("/api/v1/tail?q=" + encode("service:flood")))) {
      for (int r = 0; r < requests; r++) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < perRequest; i++) {
          body.append("{\"level\":\"INFO\",\"service\":\"flood\",\"message\":\"flood ").append(r * perRequest + i)
              .append("\"}\n");
        }
        TestServer.Reply reply = server.ingest(body.toString());
        assertThat(reply.status()).as("request %d acknowledged", r).isEqualTo(200);
        assertThat(reply.json().path("accepted").asInt()).isEqualTo(perRequest);
      }
      long sent = 0;
      long skipped = 0;
      double fastestMatched = 0;
      Set<String> messages = new HashSet<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (sent + skipped < (long) requests * perRequest && System.nanoTime() < deadline) {
        JsonNode message = tail.next("events", WAIT).json();
        int events = message.path("events").size();
        assertThat(events).as("at most a quarter second's share of 2000 events/s").isLessThanOrEqualTo(500);
        message.path("events").forEach(event -> assertThat(messages.add(event.path("message").asText())).isTrue());
        sent += events;
        skipped += message.path("skipped").asLong();
        assertThat(message.path("skipped").asLong()).isGreaterThanOrEqualTo(message.path("dropped").asLong());
        fastestMatched = Math.max(fastestMatched, message.path("matched_per_second").asDouble());
      }
      assertThat(sent + skipped).as("every flooded event is either sent or counted as skipped")
          .isEqualTo((long) requests * perRequest);
      assertThat(skipped).isPositive();
      assertThat(sent).isPositive();
      assertThat(fastestMatched).isPositive();
    }
  }

  @Test
  void disconnectedClientFreesItsSubscription() throws Exception {
    server = TestServer.start(data);
    try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /api/v1/tail?q=* HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String head = readUntil(socket.getInputStream(), "live tail");
      assertThat(head).startsWith("HTTP/1.1 200");
      assertThat(stats().path("tail").path("subscribers").asInt()).isEqualTo(1);
    }
    awaitSubscribers(0);
  }

  @Test
  void tailsAreCappedWith429AndAClosedOneFreesItsSlot() throws Exception {
    server = TestServer.start(data, Map.of("tail.max_subscribers", "2", "tail.max_per_client", "2"));
    SseClient first = SseClient.open(http, server.uri("/api/v1/tail"));
    try (SseClient second = SseClient.open(http, server.uri("/api/v1/tail?q=level:ERROR"))) {
      assertThat(first.response().statusCode()).isEqualTo(200);
      assertThat(second.response().statusCode()).isEqualTo(200);
      TestServer.Reply refused = server.get("/api/v1/tail");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isNotBlank();
      assertThat(refused.json().path("error").asText()).contains("tail.max_subscribers");
      first.close();
      awaitSubscribers(1);
      try (SseClient third = SseClient.open(http, server.uri("/api/v1/tail"))) {
        assertThat(third.response().statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void oneClientCannotTakeEveryTailSlotAndOthersStillGetOne() throws Exception {
    server = TestServer.start(data, Map.of("tail.max_subscribers", "4", "tail.max_per_client", "2"));
    try (SseClient first = SseClient.open(http, server.uri("/api/v1/tail"));
        SseClient second = SseClient.open(http, server.uri("/api/v1/tail?q=level:ERROR"))) {
      assertThat(first.response().statusCode()).isEqualTo(200);
      assertThat(second.response().statusCode()).isEqualTo(200);
      TestServer.Reply refused = server.get("/api/v1/tail");
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isNotBlank();
      assertThat(refused.json().path("error").asText()).contains("tail.max_per_client").contains("127.0.0.1");
      awaitSubscribers(2);
      try (Socket other = new Socket()) { // another client: another loopback address
        other.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
        other.connect(new java.net.InetSocketAddress("127.0.0.1", server.uri("/").getPort()));
        OutputStream out = other.getOutputStream();
        out.write(("GET /api/v1/tail HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readUntil(other.getInputStream(), "\r\n")).startsWith("HTTP/1.1 200");
        awaitSubscribers(3);
      }
    }
  }

  @Test
  void stoppingTheServerEndsOpenTails() throws Exception {
    server = TestServer.start(data);
    try (SseClient tail = SseClient.open(http, server.uri("/api/v1/tail"))) {
      assertThat(tail.next(WAIT).event()).isEqualTo("comment");
      server.close();
      server = null;
      assertThat(tail.awaitEnd(WAIT)).as("the stream ended with the server").isTrue();
    }
  }

  private void awaitSubscribers(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int subscribers = stats().path("tail").path("subscribers").asInt();
    while (subscribers != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
      subscribers = stats().path("tail").path("subscribers").asInt();
    }
    assertThat(subscribers).as("open tails").isEqualTo(expected);
  }

  private JsonNode stats() {
    return server.get("/api/v1/stats").json();
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder text = new StringBuilder();
    int c;
    while (!text.toString().contains(marker) && (c = in.read()) >= 0) {
      text.append((char) c);
    }
    return text.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
