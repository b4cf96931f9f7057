package dev.corral.server;

import dev.corral.model.Timestamps;
import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.server.alerts.notify.AlertChannelsService;
import dev.corral.server.alerts.Notifier;
import dev.corral.server.alerts.state.AlertStateService;
import dev.corral.server.alerts.rules.AlertRulesService;
import dev.corral.server.api.HttpService;
import dev.corral.server.audit.AuditEvents;
import dev.corral.server.audit.AuditService;
import dev.corral.server.archive.ArchiveService;
import dev.corral.server.backup.BackupService;
import dev.corral.server.config.ServerConfig;
import dev.corral.server.dashboards.DashboardsService;
import dev.corral.server.erasure.ClusterErasureRefusal;
import dev.corral.server.erasure.ErasureService;
import dev.corral.server.export.ExportService;
import dev.corral.server.forward.KafkaForwardService;
import dev.corral.server.http.HiddenPaths;
import dev.corral.server.http.HttpApi;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.IngestRate;
import dev.corral.server.ingest.Sender;
import dev.corral.server.keys.KeysService;
import dev.corral.server.loglevels.LogLevelsService;
import dev.corral.server.pipelines.debug.PipelineDebugService;
import dev.corral.server.inputs.otlp.OtlpGrpcServer;
import dev.corral.server.recording.RecordingService;
import dev.corral.server.retention.RetentionService;
import dev.corral.server.search.ArchivedDays;
import dev.corral.server.search.SearchService;
import dev.corral.pipeline.DocumentLimits;
import dev.corral.server.pipelines.PipelinesService;
import dev.corral.server.service.Service;
import dev.corral.server.service.Services;
import dev.corral.server.status.Readiness;
import dev.corral.server.status.StatusService;
import dev.corral.server.storage.CheckpointReplay;
import dev.corral.server.storage.DataDirectory;
import dev.corral.server.storage.OpenSearchBackend;
import dev.corral.server.storage.StoreService;
import dev.corral.server.storage.WalService;
import dev.corral.server.tail.TailHub;
import dev.corral.server.tail.TailService;
import dev.corral.server.users.UsersService;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Corral server: the composition root. It builds the services in dependency order —
 * data directory lock, store, write-ahead log (whose durable records flow into the store in WAL
 * order), rate limits, processing pipelines, ingest, the audit log, retention, search, dashboards, recording rules, alert channels, alert states, alert rules, the pipeline debugger, archive, raw backup, erasure, status, API keys, users, TLS, HTTP API, inputs, live tails, replay of the WAL from
 * the store's checkpoint — starts them in that order ({@link Services}) and, on {@link #close()},
 * stops them in reverse. HTTP answers ({@code /health}, 503 on ingest) from before the replay.
 */
public final class CorralServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CorralServer.class);
  /** Live tails report the ingest rate over this window: quick to follow a burst. */
  private static final int TAIL_RATE_WINDOW_SECONDS = 2;

  private final ServerConfig config;
  private final Readiness readiness = new Readiness();
  private final Services services = new Services();
  /** The one registry every service records its metrics in, served at {@code GET /metrics}. */
  private final PrometheusRegistry metrics = new PrometheusRegistry();
  private final HttpService http;
  private final InputsService inputs;

  /**
   * Builds the services; no constructor here does I/O or may fail once the tail hub's thread runs.
   *
   * @param testService for tests only ({@link #start(ServerConfig, Function)}): a service added last, given the
   *     others; null in production
   */
  private CorralServer(ServerConfig config, Function<List<Service>, Service> testService, Notifier alertNotifier) {
    this.config = config;
    HiddenPaths hidden = HiddenPaths.of(config.dataDir());
    DataDirectory dataDirectory = services.add(new DataDirectory(config.dataDir()));
    // the local store also archives, compacts, drops days and erases; a cluster store keeps its own lifecycle
    boolean local = !config.openSearch().enabled();
    StoreService store = services.add(local ? new StoreService(config.store(), config.partitionsDir(), hidden)
        : new StoreService(config.store(), hidden, OpenSearchBackend.opener(config, dataDirectory::nodeId)));
    IngestRate rate = new IngestRate();
    TailHub tails = new TailHub(config.tail(), () -> rate.perSecond(TAIL_RATE_WINDOW_SECONDS));
    WalService wal = services.add(new WalService(config.wal().walConfig(config.walDir(), config.maxBodyBytes()),
        store, (position, next, batch) -> rate.record(batch.size()), tails::publish));
    RateLimitStage limits = services.add(new RateLimitStage(config.rateLimits()));
    PipelinesService pipelines = services.add(new PipelinesService(config.pipelines(),
        DocumentLimits.of(config.decodeLimits())));
    IngestStage ingest = services.add(new IngestStage(config.ingest(), config.dataDir(), wal, store,
        readiness::isReady, rate, limits.ingest(), pipelines::processing));
    AuditService audit = services.add(new AuditService(config.audit().enabled(), config.audit().maxQueued(),
        events -> ingest.ingest().append(AuditEvents.INPUT, Sender.ANONYMOUS, events, List.of(),
            Timestamps.toNanos(Instant.now()))));
    if (local) {
      services.add(new RetentionService(config.retention(), config.ingest().minFreeBytes(), config.dataDir(),
          store::store, hidden));
    }
    ArchiveService archive = local ? new ArchiveService(config.archive(), config.store().warmAfter(),
        config.archiveDir(), store::store) : null; // searched by queries, started after them: a query before start reaches no archive
    SearchService search = services.add(new SearchService(config.search().querySettings(),
        config.store().maxKeywordBytes(), store::events, archive != null ? archive : ArchivedDays.NONE, audit.trail()));
    services.add(new ExportService(config.search().querySettings(), store::events, audit.trail()));
    services.add(new DashboardsService(config.dashboardsDir()));
    services.add(new RecordingService(config.recording(), search::queries, store::events, readiness::isReady));
    services.add(new PipelineDebugService(ProcessorCatalog.standard(config.pipelines().geoipDirectory()),
        pipelines.library(), DocumentLimits.of(config.decodeLimits())));
    // alerting: channels first (their Notifier is what alert states send through), then states, then rules
    AlertChannelsService channels = services.add(new AlertChannelsService(config.alertChannels()));
    AlertStateService alertStates = services.add(new AlertStateService(config.alertsState(), config.alertsStateDir(),
        alertNotifier != null ? alertNotifier : channels.notifier(),
        events -> ingest.ingest().append(AlertStateService.HISTORY_INPUT, Sender.ANONYMOUS, events, List.of(),
            Timestamps.toNanos(Instant.now())),
        this::url, InstantSource.system()));
    if (config.alerts().enabled()) {
      AlertRulesService alertRules = services.add(new AlertRulesService(config.alerts(), search::queries, store::events,
          alertStates, Clock.systemUTC(), readiness::isReady));
      wal.addLiveConsumer("alerts-match", alertRules.matchConsumer());
    }
    if (archive != null) {
      services.add(archive);
    }
    BackupService backup = services.add(new BackupService(config.backup(), config.dataDir().resolve("backup"), wal::log));
    services.add(new KafkaForwardService(config.kafkaForward(), wal::log));
    services.add(local ? new ErasureService(config.dataDir().resolve("erasure"), store::store, archive,
        backup.eraser(config.ingest().window()), readiness::isReady) : new ClusterErasureRefusal());
    services.add(new StatusService(readiness, services, metrics, config.dataDir(),
        () -> store.partitionBytes() + wal.bytesOnDisk()));
    services.add(new LogLevelsService());
    KeysService keys = services.add(new KeysService(config.dataDir(), config.auth().keysRequired(),
        config.rateLimits().keyDefaults(), audit.trail()));
    UsersService users = services.add(new UsersService(config.dataDir(), config.sessions(),
        config.auth().keysRequired(), keys::accessControl, keys::countRefusal, audit.trail()));
    TlsStage tls = services.add(new TlsStage(config.tls()));
    http = services.add(new HttpService(config.http(), config.tcpConnections(), hidden, services,
        users::accessControl, limits.queries(), () -> tls.listeners().shared(), audit.adminRequests()));
    inputs = services.add(new InputsService(config, ingest, keys::accessControl, pipelines.library(),
        tls::listeners, store::sourceReleasePosition));
    services.add(new TailService(tails, wal::log, config.tail().maxReplayEvents(), config.store().maxKeywordBytes(),
        audit.trail()));
    services.add(new CheckpointReplay(wal, store, readiness::phase));
    if (testService != null) {
      services.add(testService.apply(services.all()));
    }
  }

  /**
   * Starts the server and returns once it is ready: the WAL is replayed into the store and every
   * event acknowledged before a crash is searchable. When a service fails to start, those started
   * before it are stopped (the data directory is unlocked) and the failure is thrown.
   */
  public static CorralServer start(ServerConfig config) throws IOException {
    return start(config, null);
  }

  /**
   * Test seam, package-private: {@link #start(ServerConfig)} with one more service added last, built
   * from the others (its routes are served like theirs). Tests use it to run reads as a restricted
   * principal before keys exist; production never calls it.
   */
  static CorralServer start(ServerConfig config, Function<List<Service>, Service> testService) throws IOException {
    return start(config, testService, null);
  }

  /**
   * Test seam, package-private: {@link #start(ServerConfig, Function)} with the alert states'
   * notifications going to {@code alertNotifier} (null: the alert channels of {@code channels.yaml}).
   */
  static CorralServer start(ServerConfig config, Function<List<Service>, Service> testService, Notifier alertNotifier)
      throws IOException {
    CorralServer server = new CorralServer(config, testService, alertNotifier);
    long started = System.nanoTime();
    server.services.start(server.metrics);
    server.readiness.markReady();
    LOG.atInfo().addKeyValue("url", server.url()).addKeyValue("data", config.dataDir().toAbsolutePath())
        .addKeyValue("startup_ms", (System.nanoTime() - started) / 1_000_000).log("ready");
    return server;
  }

  /** The base URL of the HTTP API: https when {@code tls.cert} is set. */
  public String url() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return (config.tls().enabled() ? "https://" : "http://") + host + ":" + port();
  }

  /** The bound port of a socket input by name (e.g. {@code syslog-tcp}), or -1 when it is off. */
  public int inputPort(String name) {
    return inputs.port(name);
  }

  /** The bound OTLP/gRPC port, or -1 when that receiver is off. */
  public int otlpGrpcPort() {
    return inputs.port(OtlpGrpcServer.INPUT);
  }

  /** The HTTP connections open now and their cap. */
  public HttpApi.Connections httpConnections() {
    return http.connections();
  }

  /** The bound HTTP port. */
  public int port() {
    return http.port();
  }

  /** Every route the HTTP API serves, with the access each declares. */
  public List<Route> routes() {
    return http.servedRoutes();
  }

  /** The names of the services in start order (they stop in reverse). */
  public List<String> serviceNames() {
    return services.all().stream().map(Service::name).toList();
  }

  /** Refuses ingest again, then stops every service in reverse start order. */
  @Override
  public void close() throws IOException {
    readiness.markStopping();
    services.close();
    LOG.info("stopped");
  }
}
