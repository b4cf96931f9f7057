package dev.corral.dist.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.demo.FleetSimulator;
import dev.corral.server.CorralServer;
import dev.corral.server.config.ConfigLoader;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.auth.Scope;
import dev.corral.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Corral server in this JVM on a free loopback port, with its own data directory, holding the
 * demo fleet's logs of the last {@link #HISTORY} (seed {@link #SEED}, so the services, levels and
 * traces are the ones {@code ./corral demo} shows). Every line is searchable when {@link #start}
 * returns. Socket inputs and OTLP/gRPC are off: the browser tests only speak HTTP.
 */
public final class DemoDataServer implements AutoCloseable {
  /** The demo fleet's seed; the same seed gives the same services, traces and incidents. */
  public static final long SEED = 42;
  /** How far back the demo data reaches: the search page's default range is 15 minutes. */
  public static final Duration HISTORY = Duration.ofMinutes(30);
  /** Lines per simulated second; 30 minutes of it is about 18,000 events. */
  private static final double EVENTS_PER_SECOND = 10;
  /** Lines per ingest request. */
  private static final int BATCH_LINES = 2_000;
  /** Bound on waiting for the store to make the ingested lines searchable. */
  private static final Duration SEARCHABLE_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final CorralServer server;
  /** Keys of a server started {@link #startWithKeys() with access control}, or null. */
  private final Keys keys;
  private final HttpClient http = HttpClient.newHttpClient();
  private long events;

  /**
   * The keys of a server with access control on, created in its data directory before it starts.
   *
   * @param admin loads the demo history (admin may ingest) and checks what the page shows
   * @param read what a user of the web UI enters
   * @param ingest a key whose scope does not allow reading
   */
  public record Keys(String admin, String read, String ingest) {}

  private DemoDataServer(Path dataDir, CorralServer server, Keys keys) {
    this.dataDir = dataDir;
    this.server = server;
    this.keys = keys;
  }

  /** Starts a server on a fresh temporary data directory and loads the demo history into it. */
  public static DemoDataServer start() throws IOException, InterruptedException {
    return start(Files.createTempDirectory("corral-ui-test-"), "auto", null, Map.of());
  }

  /** Starts a server as {@link #start()} does, with {@code settings} on top (the archive's, for instance). */
  public static DemoDataServer startWith(Map<String, String> settings) throws IOException, InterruptedException {
    return start(Files.createTempDirectory("corral-ui-test-"), "auto", null, settings);
  }

  /**
   * Starts a server with {@code settings} on top and <em>without</em> the demo history: for tests that
   * must know every event the server holds (an alert rule over "every error" sees only theirs).
   */
  public static DemoDataServer startEmptyWith(Map<String, String> settings) throws IOException, InterruptedException {
    return start(Files.createTempDirectory("corral-ui-test-"), "auto", null, settings, false);
  }

  /**
   * Starts a server with access control on ({@code auth.mode: keys}) and an admin, a read and an
   * ingest key, and loads the demo history into it with the admin key.
   */
  public static DemoDataServer startWithKeys() throws IOException, InterruptedException {
    return startWithKeys(Map.of());
  }

  /** Starts a server as {@link #startWithKeys()} does, with {@code settings} on top (an alerts directory, for instance). */
  public static DemoDataServer startWithKeys(Map<String, String> settings) throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("corral-ui-test-");
    ApiKeys store = ApiKeys.open(dataDir, Clock.systemUTC());
    Keys keys = new Keys(store.create(new KeySpec("ui-test-admin", Scope.ADMIN, List.of(), null, null)).key(),
        store.create(new KeySpec("ui-test-read", Scope.READ, List.of(), null, null)).key(),
        store.create(new KeySpec("ui-test-ingest", Scope.INGEST, List.of(), null, null)).key());
    return start(dataDir, "keys", keys, settings);
  }

  private static DemoDataServer start(Path dataDir, String authMode, Keys keys, Map<String, String> extra)
      throws IOException, InterruptedException {
    return start(dataDir, authMode, keys, extra, true);
  }

  private static DemoDataServer start(Path dataDir, String authMode, Keys keys, Map<String, String> extra, boolean history)
      throws IOException, InterruptedException {
    Map<String, String> settings = new java.util.HashMap<>(Map.ofEntries(
        Map.entry("http.host", "127.0.0.1"), Map.entry("http.port", "0"), Map.entry("data.dir", dataDir.toString()),
        Map.entry("auth.mode", authMode),
        Map.entry("storage.min_free_bytes", "0"), Map.entry("otlp.grpc_port", "-1"),
        Map.entry("syslog.udp_port", "-1"), Map.entry("syslog.tcp_port", "-1"),
        Map.entry("gelf.udp_port", "-1"), Map.entry("gelf.tcp_port", "-1"), Map.entry("fluent.port", "-1")));
    settings.putAll(extra);
    ServerConfig config = ServerConfig.from(ConfigLoader.load(null, Map.of(), settings));
    DemoDataServer demo = new DemoDataServer(dataDir, CorralServer.start(config), keys);
    try {
      if (history) {
        demo.loadHistory(Instant.now());
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      demo.close();
      throw e;
    }
    return demo;
  }

  /** The keys of a server started with access control on. */
  public Keys keys() {
    if (keys == null) {
      throw new IllegalStateException("this server was started without access control");
    }
    return keys;
  }

  /** A request to {@code path} of the API, carrying the admin key when access control is on. */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
    return keys == null ? request : request.header("Authorization", "Bearer " + keys.admin());
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** Events loaded by {@link #start} and {@link #ingest}. */
  public long events() {
    return events;
  }

  private void loadHistory(Instant now) throws IOException, InterruptedException {
    long started = System.nanoTime();
    FleetSimulator fleet = new FleetSimulator(SEED, now.minus(HISTORY), EVENTS_PER_SECOND);
    ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_LINES * 400);
    int[] lines = {0};
    IOException[] failure = {null};
    fleet.advanceTo(now, line -> {
      batch.writeBytes(line);
      batch.write('\n');
      if (++lines[0] == BATCH_LINES && failure[0] == null) {
        failure[0] = postQuietly(batch.toByteArray(), lines[0]);
        batch.reset();
        lines[0] = 0;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    if (lines[0] > 0) {
      ingest(batch.toByteArray(), lines[0]);
    }
    long ingested = System.nanoTime();
    awaitSearchable(events);
    System.out.printf("demo data: %d events, ingested in %d ms, searchable %d ms later%n", events,
        (ingested - started) / 1_000_000, (System.nanoTime() - ingested) / 1_000_000);
  }

  private IOException postQuietly(byte[] ndjson, int lines) {
    try {
      ingest(ndjson, lines);
      return null;
    } catch (IOException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new IOException("interrupted while loading demo data", e);
    }
  }

  /**
   * Posts NDJSON lines to {@code /api/v1/ingest} (answered once durable) and checks that every
   * line was accepted; the events are searchable within the store's refresh interval.
   */
  public void ingest(byte[] ndjson, int lines) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request("/api/v1/ingest")
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200 || answer.path("accepted").asInt() != lines) {
      throw new IOException("ingest answered " + response.statusCode() + " for " + lines + " lines: " + response.body());
    }
    events += lines;
  }

  /** Posts one NDJSON line (a JSON object) and waits until the store answers it. */
  public void ingestAndAwait(String jsonLine) throws IOException, InterruptedException {
    ingest((jsonLine + "\n").getBytes(StandardCharsets.UTF_8), 1);
    awaitSearchable(events);
  }

  /** Waits until a match-all search counts {@code expected} events. */
  private void awaitSearchable(long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SEARCHABLE_TIMEOUT.toNanos();
    long total = -1;
    while (System.nanoTime() < deadline) {
      total = search("", 0).path("total").asLong();
      if (total >= expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("only " + total + " of " + expected + " events searchable after " + SEARCHABLE_TIMEOUT);
  }

  /** The API's answer to {@code GET /api/v1/search} over all time, for checking what the page shows. */
  public JsonNode search(String query, int limit) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request("/api/v1/search?limit=" + limit
        + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("search '" + query + "' answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
