package dev.corral.server;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.config.SocketInputsConfig;
import dev.corral.server.http.CompactHandler;
import dev.corral.server.dashboards.BuiltinDashboards;
import dev.corral.server.dashboards.DashboardStore;
import dev.corral.server.http.DashboardsHandler;
import dev.corral.server.http.FieldValuesHandler;
import dev.corral.server.http.FieldsHandler;
import dev.corral.server.http.FileBudget;
import dev.corral.server.http.HealthHandlers;
import dev.corral.server.http.HttpApi;
import dev.corral.server.http.MetricsHandler;
import dev.corral.server.http.OriginPolicy;
import dev.corral.server.http.Route;
import dev.corral.server.http.QueryHandler;
import dev.corral.server.http.SearchHandler;
import dev.corral.server.http.StaticAssets;
import dev.corral.server.http.TraceHandler;
import dev.corral.server.http.StatsHandler;
import dev.corral.server.http.TailHandler;
import dev.corral.server.ingest.DiskSpaceGuard;
import dev.corral.server.ingest.IngestRate;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.inputs.Input;
import dev.corral.server.inputs.catalog.InputCatalog;
import dev.corral.server.inputs.otlp.OtlpGrpcServer;
import dev.corral.server.inputs.socket.SocketInput;
import dev.corral.server.metrics.IngestMetrics;
import dev.corral.server.metrics.QueryMetrics;
import dev.corral.server.metrics.ServerGauges;
import dev.corral.server.search.QueryService;
import dev.corral.server.search.TopValues;
import dev.corral.server.tail.TailHub;
import dev.corral.store.LogStore;
import dev.corral.store.StoreConfig;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Corral server, wired by hand in dependency order: data directory lock → store →
 * write-ahead log (whose durable records flow into the store in WAL order) → HTTP API → replay of
 * the WAL from the store's checkpoint → ready. {@link #close()} undoes it in reverse.
 */
public final class CorralServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CorralServer.class);

  private final ServerConfig config;
  private final Readiness readiness = new Readiness();
  private DataDirectoryLock lock;
  private LogStore store;
  private WriteAheadLog<EventBatch> wal;
  private HttpApi http;
  private QueryService queries;
  /** Every configured input, in start order (built by {@link InputCatalog}). */
  private List<Input> inputs = List.of();
  /** Live tails report the ingest rate over this window: quick to follow a burst. */
  private static final int TAIL_RATE_WINDOW_SECONDS = 2;
  private final IngestRate ingestRate = new IngestRate();
  private final Instant startedAt = Instant.now();
  private TailHub tail;
  /** The one registry every part records its metrics in, served at {@code GET /metrics}. */
  private final PrometheusRegistry metrics = new PrometheusRegistry();

  private CorralServer(ServerConfig config) {
    this.config = config;
  }

  /**
   * Starts the server and returns once it is ready: the WAL is replayed into the store and every
   * event acknowledged before a crash is searchable. HTTP answers (/health, 503 on ingest) from
   * before replay begins.
   */
  public static CorralServer start(ServerConfig config) throws IOException {
    CorralServer server = new CorralServer(config);
    try {
      server.open();
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void open() throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(config.dataDir());
    lock = DataDirectoryLock.acquire(config.dataDir());
    AtomicReference<WriteAheadLog<EventBatch>> walForTrimming = new AtomicReference<>();
    store = LogStore.open(new StoreConfig(config.partitionsDir(), config.indexerThreads(), config.ramBufferMb(),
        config.refreshInterval(), config.commitInterval(), config.warmAfter(), config.maxKeywordBytes(),
        checkpoint -> trimWal(walForTrimming.get(), checkpoint), config.storeLimits(),
        config.compactionMaxBytesPerSec()));
    HiddenPaths hidden = HiddenPaths.of(config.dataDir());
    readiness.degradedBy(() -> store.failure().map(failure -> hidden.hide(failure.getMessage())));
    tail = new TailHub(config.tail(), () -> ingestRate.perSecond(TAIL_RATE_WINDOW_SECONDS));
    wal = WriteAheadLog.open(new WalConfig(config.walDir(), config.walSegmentBytes(), walMaxRecordBytes(),
        WalConfig.DEFAULT_MAX_GROUP_BYTES), (position, next, batch) -> {
          ingestRate.record(batch.size());
          tail.publish(batch);
          store.submit(position, next, batch);
        });
    walForTrimming.set(wal);
    WriteAheadLog<EventBatch> log = wal;
    store.recoverWith((from, sink) -> log.replay(from, (position, next, payload) ->
        sink.accept(position, next, EventBatch.decode(payload))));
    IngestSink ingest = ingestSink();
    inputs = InputCatalog.of(config, ingest);
    http = HttpApi.start(httpOptions(), routes(ingest));
    LOG.atInfo().addKeyValue("url", url()).addKeyValue("data", config.dataDir().toAbsolutePath())
        .log("http listening");
    for (Input input : inputs) {
      input.registerMetrics(metrics);
      input.start();
    }
    replay();
    readiness.markReady();
    LOG.atInfo().addKeyValue("startup_ms", (System.nanoTime() - started) / 1_000_000)
        .addKeyValue("partitions", store.partitions().size()).log("ready");
  }

  private void replay() throws IOException {
    long from = store.checkpoint();
    readiness.phase("replaying write-ahead log from position " + from);
    long started = System.nanoTime();
    long[] records = {0};
    wal.replay(from, (position, next, payload) -> {
      store.submit(position, next, EventBatch.decode(payload));
      records[0]++;
    });
    try {
      store.awaitIndexed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while replaying the write-ahead log", e);
    }
    LOG.atInfo().addKeyValue("from_position", from).addKeyValue("records", records[0])
        .addKeyValue("took_ms", (System.nanoTime() - started) / 1_000_000).log("write-ahead log replayed");
  }

  /**
   * The HTTP server's options; its connection cap, unless configured, is what the open-file limit
   * leaves once the store and the socket inputs have their share (a WARN when it leaves too little).
   */
  private HttpApi.Options httpOptions() {
    SocketInputsConfig sockets = config.sockets();
    long tcpListeners = java.util.stream.IntStream.of(sockets.syslogTcpPort(), sockets.syslogTlsPort(),
        sockets.gelfTcpPort(), sockets.fluentPort()).filter(port -> port >= 0).count();
    FileBudget budget = new FileBudget(FileBudget.processFileLimit(), tcpListeners * sockets.tcpLimits().maxConnections());
    int maxConnections = config.http().maxConnections() > 0 ? config.http().maxConnections() : budget.httpConnections();
    if (budget.tooLow() || maxConnections > budget.httpFiles()) {
      LOG.atWarn().addKeyValue("file_limit", budget.fileLimit()).addKeyValue("http_max_connections", maxConnections)
          .log("the open-file limit is too low for the configured listeners (" + budget.describe() + "): raise it "
              + "(ulimit -n, LimitNOFILE=), or lower sockets.max_connections or http.max_connections");
    }
    LOG.atInfo().addKeyValue("file_limit", budget.fileLimit()).addKeyValue("max_connections", maxConnections)
        .log("http connection cap");
    return new HttpApi.Options(config.host(), config.port(), maxConnections, config.http().headerTimeout(),
        config.http().idleTimeout(), new OriginPolicy(config.host(), config.http().allowedHosts(),
            config.http().allowedOrigins()), HiddenPaths.of(config.dataDir()));
  }

  private IngestSink ingestSink() throws IOException {
    return new IngestSink(decoder(), wal, store::pendingEvents, store::failure, diskGuard(),
        config.backlog(), readiness::isReady, walMaxRecordBytes(), new IngestMetrics(metrics));
  }

  private List<Route> routes(IngestSink ingest) {
    List<Route> routes = new ArrayList<>();
    queries = new QueryService(store, new QueryService.Settings(config.defaultLimit(), config.maxLimit(),
        config.queryTimeout(), config.maxConcurrentQueries(), config.maxQueuedQueries(), config.maxGroups(),
        config.maxQueryMemoryBytes(), config.queryCost()), new QueryMetrics(metrics));
    ServerGauges.register(metrics, wal, store, tail::subscribers, () -> http == null ? 0 : http.connections().open());
    routes.addAll(List.of(
        new Route("GET", "/health", HealthHandlers.health(readiness)),
        new Route("GET", "/ready", HealthHandlers.ready(readiness)),
        new Route("GET", "/metrics", new MetricsHandler(metrics)),
        new Route("GET", "/api/v1/search", new SearchHandler(queries)),
        new Route("POST", "/api/v1/query", new QueryHandler(queries)),
        new Route("GET", "/api/v1/trace/*", new TraceHandler(queries)),
        new Route("GET", "/api/v1/stats", new StatsHandler(new StatsHandler.Sources(store, wal, this::inputStats, ingestRate,
            tail, config.dataDir(), startedAt, queries::load, ingest::backlogHighWater))),
        new Route("POST", "/api/v1/admin/compact", new CompactHandler(store)),
        new Route("GET", "/api/v1/tail", new TailHandler(tail, config.maxKeywordBytes())),
        new Route("GET", "/api/v1/fields", new FieldsHandler(queries, config.maxKeywordBytes())),
        new Route("GET", "/api/v1/fields/*", new FieldValuesHandler(new TopValues(queries)))));
    DashboardsHandler dashboards = new DashboardsHandler(new DashboardStore(config.dashboardsDir(), BuiltinDashboards.load()));
    routes.add(new Route("GET", "/api/v1/dashboards", dashboards));
    for (String method : List.of("GET", "PUT", "DELETE")) {
      routes.add(new Route(method, "/api/v1/dashboards/*", dashboards));
    }
    inputs.forEach(input -> routes.addAll(input.routes()));
    return StaticAssets.withUi(routes);
  }

  /** The one decoder every input shares: the configured limits and alias table (read once). */
  private EventDecoder decoder() throws IOException {
    AliasTable aliases = config.aliasesFile() == null ? AliasTable.defaults() : AliasTable.load(config.aliasesFile());
    return new EventDecoder(config.decodeLimits(), aliases, config.ingestWindow());
  }

  private DiskSpaceGuard diskGuard() throws IOException {
    return new DiskSpaceGuard(config.dataDir(), config.minFreeBytes());
  }

  /** A batch's canonical form can be several times its request body (added fields); leave room. */
  private int walMaxRecordBytes() {
    return (int) Math.min(WalConfig.MAX_RECORD_BYTES_LIMIT, Math.max(WalConfig.DEFAULT_MAX_RECORD_BYTES, config.maxBodyBytes() * 4));
  }

  private static void trimWal(WriteAheadLog<EventBatch> wal, long checkpoint) {
    if (wal == null) {
      return;
    }
    try {
      int deleted = wal.deleteBefore(checkpoint);
      if (deleted > 0) {
        LOG.atDebug().addKeyValue("checkpoint", checkpoint).addKeyValue("segments", deleted)
            .log("deleted committed wal segments");
      }
    } catch (IOException e) {
      LOG.atWarn().setCause(e).addKeyValue("checkpoint", checkpoint).log("could not delete committed wal segments");
    }
  }

  /** The base URL of the HTTP API. */
  public String url() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The bound port of a socket input by name (e.g. {@code syslog-tcp}), or -1 when it is off. */
  public int inputPort(String name) {
    for (Input input : inputs) {
      if (input instanceof SocketInput socket && socket.name().equals(name)) {
        return socket.port();
      }
    }
    return -1;
  }

  /** The bound OTLP/gRPC port, or -1 when that receiver is off. */
  public int otlpGrpcPort() {
    return inputPort(OtlpGrpcServer.INPUT);
  }

  /** The {@code inputs} section of {@code /api/v1/stats}: each input's stats by name. */
  private java.util.Map<String, Object> inputStats() {
    java.util.Map<String, Object> stats = new java.util.LinkedHashMap<>();
    inputs.forEach(input -> stats.put(input.name(), input.stats()));
    return stats;
  }

  /** The HTTP connections open now and their cap. */
  public HttpApi.Connections httpConnections() {
    return http.connections();
  }

  /** The bound HTTP port. */
  public int port() {
    return http.port();
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * Stops in reverse start order: live tails (so their streams end), HTTP, inputs (last started
   * first), queries, WAL (pending appends complete), store (final commit), lock.
   */
  @Override
  public void close() throws IOException {
    readiness.markStopping();
    IOException failure = null;
    if (tail != null) {
      tail.close();
    }
    if (http != null) {
      http.close();
    }
    for (Input input : inputs.reversed()) {
      try {
        input.close();
      } catch (IOException | RuntimeException e) {
        LOG.atError().setCause(e).addKeyValue("input", input.name()).log("close failed");
      }
    }
    if (queries != null) {
      queries.close();
    }
    for (AutoCloseable part : new AutoCloseable[] {wal, store, lock}) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        LOG.atError().setCause(e).addKeyValue("component", part.getClass().getSimpleName()).log("close failed");
        if (failure == null) {
          failure = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    LOG.info("stopped");
    if (failure != null) {
      throw failure;
    }
  }
}
