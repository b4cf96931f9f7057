package dev.corral.dist.ui;

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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on a free loopback port in front of a real Corral server (with access control
 * on, for the web UI's key prompt) that forwards every request, streaming the answer (the live
 * tail) as it comes, and records the path and Authorization header of every API request it saw;
 * it can drop the streams it holds, so a test sees the page reconnect.
 */
final class RecordingProxy implements AutoCloseable {
  /** Request headers passed on; the browser's Origin and Sec-Fetch-* are dropped (the proxy is the client). */
  private static final Set<String> FORWARDED_REQUEST = Set.of("accept", "content-type", "authorization", "last-event-id");
  /** Answer headers not copied: the proxy frames the body itself. */
  private static final Set<String> NOT_COPIED = Set.of("content-length", "transfer-encoding", "connection", "date");
  private static final int COPY_BUFFER_BYTES = 8192;

  /** An API request the proxy saw: its path with query, its Authorization and Last-Event-ID headers (or null). */
  record Seen(String pathAndQuery, String authorization, String lastEventId) {}

  private final String upstream;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newBuilder().executor(threads).build();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  /** The upstream bodies of the streams being passed on now (live tails). */
  private final Set<InputStream> streams = ConcurrentHashMap.newKeySet();
  /** While held, a new live tail request waits here before it is forwarded. */
  private volatile java.util.concurrent.CountDownLatch tailGate = new java.util.concurrent.CountDownLatch(0);

  private RecordingProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** Starts the proxy in front of the Corral server at {@code upstream} ({@code http://127.0.0.1:PORT}). */
  static RecordingProxy start(String upstream) throws IOException {
    RecordingProxy proxy = new RecordingProxy(upstream);
    proxy.server.start();
    return proxy;
  }

  /** The proxy's base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The API requests seen so far, oldest first. */
  List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Ends every stream being passed on, as a dropped connection would. */
  void dropStreams() throws IOException {
    for (InputStream stream : streams) {
      stream.close();
    }
  }

  /** Makes new live tail requests wait (as a network still down would) until {@link #releaseTails()}. */
  void holdTails() {
    tailGate = new java.util.concurrent.CountDownLatch(1);
  }

  /** Forwards the live tail requests held and those to come. */
  void releaseTails() {
    tailGate.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String target = path + (query == null ? "" : "?" + query);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (path.startsWith("/api/")) {
        seen.add(new Seen(target, authorization, exchange.getRequestHeaders().getFirst("Last-Event-ID")));
      }
      if (path.equals("/api/v1/tail")) {
        tailGate.await();
      }
      forward(exchange, target);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, String target) throws IOException, InterruptedException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + target))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (FORWARDED_REQUEST.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<InputStream> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    answer.headers().map().forEach((name, values) -> {
      if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    boolean empty = answer.statusCode() == 204 || answer.statusCode() == 304
        || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : 0);
    try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
      streams.add(in);
      byte[] buffer = new byte[COPY_BUFFER_BYTES];
      for (int read; !empty && (read = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, read);
        out.flush(); // a tail's events reach the browser as they come
      }
    } finally {
      streams.remove(answer.body());
    }
  }

  @Override
  public void close() {
    releaseTails();
    server.stop(0);
    threads.shutdownNow();
  }
}
