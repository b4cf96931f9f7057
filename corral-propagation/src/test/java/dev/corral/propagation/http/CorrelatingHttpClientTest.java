package dev.corral.propagation.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.propagation.CorrelationContext;
import dev.corral.propagation.CorrelationIds;
import dev.corral.propagation.CorrelationScope;
import dev.corral.propagation.TraceParent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wrapper against a real HTTP server (the JDK's) that answers with the correlation headers it received:
 * what goes out with and without current ids, a new call span per request, headers the caller set kept,
 * sendAsync taking the ids of the calling thread, a WebSocket handshake, and close reaching the wrapped client.
 */
class CorrelatingHttpClientTest {
  private static HttpServer echo;
  private static URI uri;
  private static volatile String handshakeTraceParent;

  @BeforeAll
  static void start() throws IOException {
    echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    echo.createContext("/", exchange -> {
      byte[] body = (exchange.getRequestHeaders().getFirst("traceparent") + " "
          + exchange.getRequestHeaders().getFirst("X-Trace-ID") + " "
          + exchange.getRequestHeaders().getFirst("X-Request-ID")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    echo.createContext("/ws", exchange -> { // records the opening handshake's ids, then refuses it
      handshakeTraceParent = exchange.getRequestHeaders().getFirst("traceparent");
      exchange.sendResponseHeaders(400, -1);
      exchange.close();
    });
    echo.start();
    uri = URI.create("http://127.0.0.1:" + echo.getAddress().getPort() + "/");
  }

  @AfterAll
  static void stop() {
    echo.stop(0);
  }

  private static String[] received(HttpClient client, HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString()).body().split(" ");
  }

  @Test
  void withoutCurrentIdsARequestGoesOutUnchanged() throws Exception {
    HttpClient client = CorrelatingHttpClient.newHttpClient();
    assertThat(received(client, HttpRequest.newBuilder(uri).build())).containsExactly("null", "null", "null");
  }

  @Test
  void eachRequestCarriesTheTraceWithItsOwnCallSpan() throws Exception {
    HttpClient client = CorrelatingHttpClient.wrap(HttpClient.newHttpClient());
    CorrelationIds ids = CorrelationIds.newTrace("req-1");
    try (CorrelationScope scope = CorrelationContext.open(ids)) {
      String[] first = received(client, HttpRequest.newBuilder(uri).build());
      String[] second = received(client, HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x"))
          .build());
      TraceParent call1 = TraceParent.parse(first[0]).orElseThrow();
      TraceParent call2 = TraceParent.parse(second[0]).orElseThrow();
      assertThat(call1.traceId()).isEqualTo(ids.traceId()).isEqualTo(call2.traceId()).isEqualTo(first[1]);
      assertThat(call1.parentId()).isNotIn(ids.spanId(), call2.parentId());
      assertThat(call1.flags()).isEqualTo(ids.traceFlags());
      assertThat(first[2]).isEqualTo("req-1").isEqualTo(second[2]);
    }
  }

  @Test
  void headersTheCallerSetAreKept() throws Exception {
    HttpClient client = CorrelatingHttpClient.newHttpClient();
    try (CorrelationScope scope = CorrelationContext.open(CorrelationIds.newTrace("ours"))) {
      String[] got = received(client, HttpRequest.newBuilder(uri).header("X-Request-ID", "theirs").build());
      assertThat(got[2]).isEqualTo("theirs");
      assertThat(TraceParent.parse(got[0])).isPresent();
    }
  }

  @Test
  void sendAsyncTakesTheIdsOfTheCallingThread() throws Exception {
    HttpClient client = CorrelatingHttpClient.newHttpClient();
    CorrelationIds ids = CorrelationIds.newTrace("async-1");
    CompletableFuture<HttpResponse<String>> answer;
    try (CorrelationScope scope = CorrelationContext.open(ids)) {
      answer = client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
    assertThat(answer.get().body()).contains(ids.traceId()).endsWith(" async-1");
  }

  @Test
  void aWebSocketHandshakeCarriesTheIdsCurrentWhenItsBuilderWasMade() {
    HttpClient client = CorrelatingHttpClient.newHttpClient();
    CorrelationIds ids = CorrelationIds.newTrace("ws-1");
    WebSocket.Builder builder;
    try (CorrelationScope scope = CorrelationContext.open(ids)) {
      builder = client.newWebSocketBuilder();
    }
    URI ws = URI.create("ws://127.0.0.1:" + echo.getAddress().getPort() + "/ws");
    assertThatThrownBy(() -> builder.buildAsync(ws, new WebSocket.Listener() {}).join())
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(TraceParent.parse(handshakeTraceParent)).hasValueSatisfying(sent ->
        assertThat(sent.traceId()).isEqualTo(ids.traceId()));
  }

  @Test
  void wrappingTwiceWrapsOnceAndSettingsAreTheWrappedClients() {
    HttpClient inner = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1).build();
    HttpClient client = CorrelatingHttpClient.wrap(inner);
    assertThat(CorrelatingHttpClient.wrap(client)).isSameAs(client);
    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(client.sslContext()).isSameAs(inner.sslContext());
  }

  @Test
  void closingTheWrapperClosesTheWrappedClientOnJava21AndLater() throws Exception {
    HttpClient client = CorrelatingHttpClient.newHttpClient();
    received(client, HttpRequest.newBuilder(uri).build());
    ((AutoCloseable) client).close(); // HttpClient is AutoCloseable from Java 21 on; this module compiles for 17
    assertThat(((CorrelatingHttpClient) client).isTerminated()).as("HttpClient's own default answers false").isTrue();
  }
}
