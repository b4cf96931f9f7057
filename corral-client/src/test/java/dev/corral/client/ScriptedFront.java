package dev.corral.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A fault-injecting front for a real Corral server: each request is answered by the next scripted failure
 * (429 with Retry-After, 503, 400 …), or with 503 while the front is {@link #down()}, and otherwise forwarded
 * unchanged to the server, whose answer is relayed. Records every request's time and answer, so a test can
 * check the order of what the client did.
 */
public final class ScriptedFront implements AutoCloseable {
  /** One scripted answer. {@code retryAfter} null sends no Retry-After header. */
  public record Answer(int status, String retryAfter, String body) {}

  /** What the front answered a request, and when (System.nanoTime) it received it. */
  public record Seen(long receivedNanos, int status) {}

  private final HttpServer server;
  private final URI target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Seen> seen = new ArrayList<>();
  private boolean down;

  private ScriptedFront(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A front forwarding to {@code target} (the real server's base URL). */
  public static ScriptedFront forwardingTo(URI target) throws IOException {
    return new ScriptedFront(target);
  }

  /** The front's base URL, for the client. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next requests with these, in order, before forwarding again. */
  public synchronized ScriptedFront then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** From now on every request gets 503, as from a server that is starting or has stopped taking writes. */
  public synchronized void down() {
    down = true;
  }

  /** From now on requests are forwarded again. */
  public synchronized void up() {
    down = false;
  }

  public synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long received = System.nanoTime();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Answer answer;
    synchronized (this) {
      answer = !script.isEmpty() ? script.poll() : down ? new Answer(503, null, "{\"status\":503,\"error\":\"down\"}") : null;
    }
    if (answer == null) {
      answer = forward(exchange, body);
    }
    synchronized (this) {
      seen.add(new Seen(received, answer.status()));
    }
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  private Answer forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Content-Type", "Content-Encoding", "Authorization")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
          response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
