package dev.corral.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Corral as a benchmark peer: a {@link CorralProcess} fed by a {@link BatchUploader}, then asked
 * over {@code GET /api/v1/search}. Ingest is done when {@code /api/v1/stats} reports no pending
 * events and a count-only search sees every event. With an {@link AlertLoad}, its rules are written
 * into the server's alerts directory before it starts, and {@link #measureAlerts} reports what they cost.
 */
public final class CorralPeer implements Peer, AlertMeter.Server {
  /** Indexing a million events takes minutes on two cores; an hour without progress means it is stuck. */
  private static final Duration INDEXED_TIMEOUT = Duration.ofHours(1);
  /** Events fetched per query: a page a UI would show, so fetching stored sources is part of the cost. */
  private static final int RESULT_LIMIT = 100;
  private static final long POLL_MILLIS = 100;
  private static final double NANOS_PER_MILLI = 1e6;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jar;
  private final Path log;
  private CorralProcess server;
  /** Compacting 10M events (≈ 3 GB hot) takes minutes on two cores; 100M proportionally more. */
  private static final java.time.Duration COMPACT_TIMEOUT = java.time.Duration.ofHours(2);

  private final int clients;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The admin key every request sends, or null when the server runs without access control. */
  private final String apiKey;
  private final AlertLoad alerts;
  /** The {@code --set} settings of every start (alert settings, TLS files). */
  private final List<String> settings;
  /** {@code corral}, or {@code corral+tls} for the run over HTTPS. */
  private final String name;
  private final int alertFiles;
  private final AlertMeter meter = new AlertMeter(this);
  /** Marks at the first ingest request and once every event was searchable; null before ingest. */
  private AlertMeter.Mark ingestStart;
  private AlertMeter.Mark ingestEnd;

  private CorralPeer(Path jar, Path log, CorralProcess server, int clients, String apiKey, AlertLoad alerts,
      int alertFiles, List<String> settings, String name) {
    this.settings = settings;
    this.name = name;
    this.jar = jar;
    this.log = log;
    this.server = server;
    this.clients = clients;
    this.apiKey = apiKey;
    this.alerts = alerts;
    this.alertFiles = alertFiles;
  }

  /**
   * Starts a server on {@code data}, logging to {@code log}; with {@code auth}, with access control on
   * ({@code auth.mode: keys}) and an admin key sent on every request; with the rules of {@code alerts} in its
   * alerts directory ({@code <data>/alerts}).
   */
  public static CorralPeer start(Path jar, Path data, Path log, int clients, boolean auth, AlertLoad alerts)
      throws IOException, InterruptedException {
    return start(jar, data, log, clients, auth, alerts, null);
  }

  /**
   * {@link #start(Path, Path, Path, int, boolean, AlertLoad)} with TLS on when {@code tlsDir} is not null: a CA and a
   * server certificate are made there ({@code corral certs create}'s files), the server serves HTTPS with them, and
   * this JVM's default TLS context trusts that CA, so every client of the bench (ingest, queries, readiness) talks
   * HTTPS to it. The peer is then named {@code corral+tls}.
   */
  public static CorralPeer start(Path jar, Path data, Path log, int clients, boolean auth, AlertLoad alerts,
      Path tlsDir) throws IOException, InterruptedException {
    List<String> settings = new java.util.ArrayList<>(alerts.serverSettings());
    if (tlsDir != null) {
      settings.addAll(BenchTls.serverSettings(tlsDir));
    }
    java.nio.file.Files.createDirectories(data);
    String key = auth ? CorralProcess.createAdminKey(jar, data, log) : null;
    List<String> files = alerts.install(data.resolve("alerts"));
    if (!files.isEmpty()) {
      System.err.printf("bench: wrote %d alert rule files into %s%n", files.size(), data.resolve("alerts"));
    }
    return new CorralPeer(jar, log, CorralProcess.start(jar, data, log, key, settings), clients, key,
        alerts, files.size(), List.copyOf(settings), tlsDir == null ? "corral" : "corral+tls");
  }

  /**
   * A server without access control, alert rules or TLS, started with {@code settings} ({@code key=value}, each
   * passed as {@code --set}: a Kafka input, another store backend) and reported as {@code name}.
   */
  public static CorralPeer start(Path jar, Path data, Path log, int clients, List<String> settings, String name)
      throws IOException, InterruptedException {
    java.nio.file.Files.createDirectories(data);
    return new CorralPeer(jar, log, CorralProcess.start(jar, data, log, null, settings), clients, null, AlertLoad.NONE,
        0, List.copyOf(settings), name);
  }

  /** A request to {@code uri}, with the key when access control is on. */
  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IngestFigures ingest(Dataset dataset) throws IOException, InterruptedException {
    ingestStart = meter.mark();
    WarmedUpload upload = WarmedUpload.run(new BatchUploader(server.base(), clients, apiKey), dataset.batches(),
        this::awaitSearchable);
    ingestEnd = meter.mark();
    return upload.figures(upload.measured().bytes(), 0);
  }

  /** The same clients and durable acknowledgements as {@link #ingest}, nothing to prepare. */
  @Override
  public PreparedUpload prepareUpload(Dataset dataset) {
    return new PreparedUpload(new BatchUploader(server.base(), clients, apiKey), dataset.batches());
  }

  @Override
  public QueryAnswer query(String text, String from) throws IOException, InterruptedException {
    StringBuilder path = new StringBuilder("/api/v1/search?limit=" + RESULT_LIMIT + "&q=").append(encode(text));
    if (from != null) {
      path.append("&from=").append(encode(from));
    }
    long start = System.nanoTime();
    JsonNode body = get(path.toString());
    double wall = (System.nanoTime() - start) / NANOS_PER_MILLI;
    long total = body.path("total").asLong();
    return new QueryAnswer(body.path("took_ms").asDouble(-1), wall, total);
  }

  @Override
  public Footprint footprint() throws IOException {
    Path data = server.data();
    return new Footprint(ProcessResources.directoryBytes(data.resolve("partitions")),
        ProcessResources.directoryBytes(data.resolve("wal")), ProcessResources.directoryBytes(data),
        ProcessResources.peakRssBytes(server.pid()),
        ProcessResources.cpuSeconds(server.pid()), GcLog.peakHeapAfterGcBytes(server.gcLog()));
  }

  /**
   * {@code POST /api/v1/admin/compact}: every partition to warm, then the partitions' bytes on disk;
   * -1 (n/a) for a server from before tiers (404), so {@code --jar} can benchmark an older build.
   */
  @Override
  public long compactToWarm() throws IOException, InterruptedException {
    URI uri = server.base().resolve("/api/v1/admin/compact");
    HttpResponse<String> response = http.send(request(uri).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(COMPACT_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return -1;
    }
    if (response.statusCode() != 200) {
      throw new IOException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return ProcessResources.directoryBytes(server.data().resolve("partitions"));
  }

  /** Stops the server, drops the page cache, and starts a new server on the same data. */
  @Override
  public boolean restartCold(PageCache cache) throws IOException, InterruptedException {
    Path data = server.data();
    server.close();
    boolean dropped = cache.drop();
    server = CorralProcess.start(jar, data, log, apiKey, settings);
    return dropped;
  }

  /**
   * After {@link #ingest}: what the alert rules cost while ingest ran, then (with a soak) what they cost running
   * alone for {@link AlertLoad#soak}, and the events their windows held; null when the run has no alert load.
   * Then deletes the rules through the API, so that the queries after it are timed as without rules and no more
   * history events change the totals.
   */
  public AlertFigures measureAlerts() throws IOException, InterruptedException {
    if (!alerts.active()) {
      return null;
    }
    if (ingestEnd == null) {
      throw new IllegalStateException("BUG: measureAlerts before ingest");
    }
    AlertMeter.Listing rules = meter.rules();
    AlertFigures.Phase during = meter.phase("ingest", ingestStart, ingestEnd, alerts.thresholdRules());
    AlertFigures.Phase soak = null;
    Map<Duration, Long> atStart = meter.eventsPerWindow(rules.windows(), alerts.lag(), Instant.now());
    if (!alerts.soak().isZero()) {
      System.err.printf("bench: corral: %d alert rules run alone for %s%n", rules.loaded(),
          DurationText.format(alerts.soak()));
      AlertMeter.Mark from = meter.mark();
      Thread.sleep(alerts.soak().toMillis());
      AlertMeter.Mark to = meter.mark();
      soak = meter.phase("soak", from, to, alerts.thresholdRules());
    }
    Map<Duration, Long> atEnd = meter.eventsPerWindow(rules.windows(), alerts.lag(), Instant.now());
    List<AlertFigures.WindowEvents> windows = new ArrayList<>();
    for (Duration window : rules.windows()) {
      windows.add(new AlertFigures.WindowEvents(window, atStart.get(window), atEnd.get(window)));
    }
    for (String name : rules.names()) {
      delete("/api/v1/alerts/rules/" + name);
    }
    awaitIndexed();
    return new AlertFigures(alerts.thresholdRules(), alertFiles - alerts.thresholdRules(), rules.loaded(),
        rules.refused(), rules.duePerMinute(), alerts.lag(), during, soak, windows);
  }

  @Override
  public long pid() {
    return server.pid();
  }

  @Override
  public JsonNode query(String text, Instant from, Instant to, int limit) throws IOException, InterruptedException {
    URI uri = server.base().resolve("/api/v1/query");
    String body = JSON.writeValueAsString(Map.of("q", text, "from", from.toString(), "to", to.toString(),
        "limit", limit));
    HttpResponse<String> response = http.send(request(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("POST " + uri + " " + body + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void awaitIndexed() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + INDEXED_TIMEOUT.toNanos();
    while (get("/api/v1/stats").path("pending_events").asLong(-1) != 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("events still pending indexing after " + INDEXED_TIMEOUT);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
  }

  private void awaitSearchable(long expected) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + INDEXED_TIMEOUT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      if (get("/api/v1/stats").path("pending_events").asLong(-1) == 0) {
        seen = get("/api/v1/search?limit=0&q=*").path("total").asLong(-1);
        if (seen >= expected) {
          return;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("only " + seen + " of " + expected + " events searchable after " + INDEXED_TIMEOUT);
  }

  @Override
  public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    URI uri = server.base().resolve(pathAndQuery);
    HttpResponse<String> response = http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private void delete(String path) throws IOException, InterruptedException {
    URI uri = server.base().resolve(path);
    HttpResponse<String> response = http.send(request(uri).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204 && response.statusCode() != 404) {
      throw new IOException("DELETE " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
