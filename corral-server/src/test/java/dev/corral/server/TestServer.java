package dev.corral.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free loopback port with its own data directory, and an HTTP client for it. */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long a child-process sender (rsyslog, python) gets to deliver; it starts and batches slowly. */
  private static final long SENDER_WAIT_MILLIS = 60_000;
  private final HttpClient http = HttpClient.newHttpClient();
  private final CorralServer server;

  private TestServer(CorralServer server) {
    this.server = server;
  }

  /** Starts with test-friendly defaults (port 0, fast refresh) plus {@code overrides}. */
  public static TestServer start(Path dataDir, Map<String, String> overrides) throws IOException {
    return new TestServer(CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(),
        settings(dataDir, overrides)))));
  }

  /** Starts like {@link #start(Path, Map)} with a YAML config file as well (for list-of-maps settings). */
  public static TestServer start(Path dataDir, Path configFile, Map<String, String> overrides) throws IOException {
    return new TestServer(CorralServer.start(ServerConfig.from(ConfigLoader.load(configFile, Map.of(),
        settings(dataDir, overrides)))));
  }

  private static Map<String, String> settings(Path dataDir, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of("syslog.udp_port", "-1", "syslog.tcp_port", "-1",
        "gelf.udp_port", "-1", "gelf.tcp_port", "-1", "fluent.port", "-1"));
    settings.putAll(Map.of("http.port", "0", "otlp.grpc_port", "-1", "data.dir", dataDir.toString(),
        "store.refresh_interval", "100ms", "store.indexer_threads", "2", "storage.min_free_bytes", "0"));
    settings.putAll(overrides);
    return settings;
  }

  /**
   * Starts like {@link #start(Path, Map)}, and also serves every read route under {@link
   * ActAsPrincipal#PREFIX} acting as a principal restricted to the filter in the {@link
   * ActAsPrincipal#FILTER_HEADER} header (test only: no key authentication exists here).
   */
  public static TestServer startActingAsPrincipals(Path dataDir, Map<String, String> overrides) throws IOException {
    return startWith(dataDir, overrides, ActAsPrincipal::new);
  }

  /**
   * Starts like {@link #start(Path, Map)} with one more service, added last and built from the
   * others (a test reaches a service's test seam through it).
   */
  public static TestServer startWith(Path dataDir, Map<String, String> overrides,
      java.util.function.Function<java.util.List<dev.corral.server.service.Service>, dev.corral.server.service.Service>
          testService) throws IOException {
    return new TestServer(CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings(dataDir,
        overrides))), testService));
  }

  /**
   * Starts like {@link #startWith(Path, Map, java.util.function.Function)}, the alert states'
   * notifications going to {@code notifier} (a recording one) instead of the log.
   */
  public static TestServer startWithAlertNotifier(Path dataDir, Map<String, String> overrides,
      dev.corral.server.alerts.Notifier notifier,
      java.util.function.Function<java.util.List<dev.corral.server.service.Service>, dev.corral.server.service.Service>
          testService) throws IOException {
    return new TestServer(CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings(dataDir,
        overrides))), testService, notifier));
  }

  /**
   * Starts like {@link #start(Path, Map)} and gives {@code store} the server's open store, for tests
   * that use the store's own test seams (a query held between its snapshot and its execution).
   */
  public static TestServer startWithStore(Path dataDir, Map<String, String> overrides,
      java.util.concurrent.atomic.AtomicReference<java.util.function.Supplier<dev.corral.store.LogStore>> store)
      throws IOException {
    return new TestServer(CorralServer.start(ServerConfig.from(ConfigLoader.load(null, Map.of(), settings(dataDir,
        overrides))), services -> {
          services.stream().filter(dev.corral.server.storage.StoreService.class::isInstance)
              .map(dev.corral.server.storage.StoreService.class::cast)
              .forEach(found -> store.set(found::store));
          return () -> "test-store-access";
        }));
  }

  public static TestServer start(Path dataDir) throws IOException {
    return start(dataDir, Map.of());
  }

  public URI uri(String path) {
    return URI.create(server.url() + path);
  }

  /** Answer of a request: status, headers and body. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Reply post(String path, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  public Reply ingest(String ndjson) {
    return post("/api/v1/ingest", ndjson.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson");
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** Any request; {@code body} is null for none, {@code headers} are name, value pairs. */
  public Reply send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  /** Searches and returns the parsed answer; fails the test on a non-200 answer. */
  public JsonNode search(String query, String extraParams) {
    Reply reply = get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extraParams);
    if (reply.status() != 200) {
      throw new AssertionError("search " + query + " answered " + reply.status() + ": " + reply.body());
    }
    return reply.json();
  }

  public JsonNode search(String query) {
    return search(query, "");
  }

  /**
   * Waits until a query matches {@code expected} events (refresh runs every 100 ms); gives up after
   * about 20 s, which only a loaded machine ever needs.
   */
  public JsonNode awaitTotal(String query, long expected) throws InterruptedException {
    JsonNode result = null;
    for (int attempt = 0; attempt < 400; attempt++) {
      result = search(query);
      if (result.path("total").asLong() == expected) {
        return result;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("query " + query + " never reached " + expected + " events; last answer " + result);
  }

  /**
   * Waits until a query matches {@code expected} events sent by a real sender running as a child
   * process; fails at once, with what the sender printed, if the process dies, and after 60 s.
   */
  public JsonNode awaitTotalFrom(String query, long expected, Process sender, Path senderOutput) throws Exception {
    long deadline = System.currentTimeMillis() + SENDER_WAIT_MILLIS;
    JsonNode result = search(query);
    while (result.path("total").asLong() < expected && System.currentTimeMillis() < deadline) {
      if (!sender.isAlive()) {
        throw new AssertionError("sender exited with " + sender.exitValue() + ": " + java.nio.file.Files.readString(senderOutput));
      }
      Thread.sleep(200);
      result = search(query);
    }
    if (result.path("total").asLong() != expected) {
      throw new AssertionError(query + " matched " + result.path("total").asLong() + " events, not " + expected
          + ", after " + SENDER_WAIT_MILLIS + " ms; the sender said: " + java.nio.file.Files.readString(senderOutput));
    }
    return result;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public CorralServer server() {
    return server;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
