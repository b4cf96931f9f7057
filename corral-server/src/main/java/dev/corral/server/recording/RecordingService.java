package dev.corral.server.recording;

import dev.corral.query.plan.QueryPlan;
import dev.corral.query.table.Table;
import dev.corral.server.auth.Principal;
import dev.corral.server.auth.Scope;
import dev.corral.server.config.RecordingSection;
import dev.corral.server.http.Route;
import dev.corral.server.metrics.QueryKind;
import dev.corral.server.search.QueryService;
import dev.corral.server.search.SearchableWatermark;
import dev.corral.server.service.Service;
import dev.corral.store.EventStore;
import dev.corral.store.search.QueryResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log-derived metrics: loads the recording rules' directory at start and whenever a file changes
 * (checked every {@code recording.reload_interval}), evaluates each rule on its schedule
 * ({@link RecordingScheduler}) through the query service as the internal principal {@link #PRINCIPAL},
 * and exports the series on {@code /metrics} ({@link RecordedMetrics}). Started after {@code search}.
 * A rule file that does not read is refused alone, logged and listed; the server starts anyway.
 * Owns the routes {@code GET /api/v1/recording} (read) and {@code PUT|DELETE /api/v1/recording/{name}}
 * (admin: the same files, {@link RuleFileHandler}) and the stats entry {@code recording}.
 */
public final class RecordingService implements Service {
  /** Who the rules' queries run as: unrestricted reads, like the admin who wrote the rule files. */
  static final Principal PRINCIPAL = new Principal("recording", "recording rules", Scope.READ, null);
  /** The scheduler's tick: the shortest {@code every} a rule may have. */
  private static final long TICK_MILLIS = RuleReader.MIN_EVERY.toMillis();
  private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);

  private final RecordingSection config;
  private final Supplier<QueryService> queries;
  private final RuleDirectory directory;
  private final RecordingScheduler scheduler;
  private final SearchableWatermark watermark;
  private final BooleanSupplier ready;
  private volatile LoadedRules loaded = LoadedRules.NONE;
  private ScheduledExecutorService timer;
  /** When the directory was last checked (System.nanoTime); the timer thread's alone. */
  private long lastCheck;

  /**
   * @param queries the started query service (read at each evaluation)
   * @param store the open store, for the searchable watermark
   * @param ready whether the server is ready: no rule is evaluated before the WAL replay made every
   *     acknowledged event searchable (a counter's window read earlier would miss some for good)
   */
  public RecordingService(RecordingSection config, Supplier<QueryService> queries, Supplier<EventStore> store,
      BooleanSupplier ready) {
    this.config = config;
    this.queries = queries;
    this.ready = ready;
    this.directory = new RuleDirectory(config.directory());
    this.watermark = new SearchableWatermark("corral-recording-watermark", store, Clock.systemUTC(),
        config.searchableLag());
    this.scheduler = new RecordingScheduler(new RecordingScheduler.Settings(config.threads(), config.timeout(),
        config.maxSeriesPerRule()), this::table, Clock.systemUTC(), watermark::windowEnd);
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    registry.register(new RecordedMetrics(scheduler::statuses));
  }

  @Override
  public void start() {
    reloadIfChanged();
    watermark.start();
    timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-recording-timer").daemon().factory());
    timer.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Every tick: the directory check when its interval passed, then the due rules. */
  private void tick() {
    long now = System.nanoTime();
    if (now - lastCheck >= config.reloadInterval().toNanos()) {
      lastCheck = now;
      reloadIfChanged();
    }
    if (!ready.getAsBoolean() || !watermark.renewed()) {
      return;
    }
    try {
      scheduler.tick();
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("error", e.toString()).log("recording scheduler tick failed; trying again next tick");
    }
  }

  private void reloadIfChanged() {
    load(false);
  }

  /** Reads the directory again, or only when its files changed; serialized with the admin writes. */
  private synchronized void load(boolean always) {
    try {
      if (!always && loaded != LoadedRules.NONE && directory.fingerprint().equals(loaded.fingerprint())) {
        return;
      }
      LoadedRules read = directory.read();
      for (LoadedRules.RefusedFile refused : read.refused()) {
        LOG.atWarn().addKeyValue("file", refused.file()).addKeyValue("error", refused.error())
            .log("recording rule refused");
      }
      scheduler.replace(read);
      loaded = read;
      LOG.atInfo().addKeyValue("dir", directory.path()).addKeyValue("rules", read.rules().size())
          .addKeyValue("refused", read.refused().size()).log("recording rules loaded");
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("dir", directory.path()).addKeyValue("reason", e.toString())
          .log("recording rules directory cannot be read; the rules loaded before stay in use");
    }
  }

  /** Validates {@code text} as the rule {@code name}, writes its file and loads the directory again. */
  private synchronized void write(String name, String text) throws IOException, InvalidRecordingRuleException {
    String file = name + ".yaml";
    RecordingRule rule = RuleReader.read(file, text);
    if (!rule.name().equals(name)) {
      throw new InvalidRecordingRuleException(file, "name", "'" + rule.name() + "' is not the name in the path ('"
          + name + "')");
    }
    directory.write(rule, text);
    load(true);
  }

  /** Deletes the rule {@code name}'s file and loads the directory again; whether there was one. */
  private synchronized boolean delete(String name) throws IOException {
    boolean deleted = directory.delete(name);
    load(true);
    return deleted;
  }

  /** A rule's query over {@code [from, to)} through the query service's lanes, as {@link #PRINCIPAL}. */
  private Table table(QueryPlan plan, Instant from, Instant to) throws Exception {
    QueryService service = queries.get();
    QueryResult result = service.execute(PRINCIPAL, QueryKind.RECORDING, plan, from.toString(),
        to.minusNanos(1).toString(), service.maxLimit(), Instant.now());
    return result.table();
  }

  @Override
  public List<Route> routes() {
    RuleFileHandler files = new RuleFileHandler(new RuleFileHandler.RuleFiles() {
      @Override
      public void write(String name, String text) throws IOException, InvalidRecordingRuleException {
        RecordingService.this.write(name, text);
      }

      @Override
      public boolean delete(String name) throws IOException {
        return RecordingService.this.delete(name);
      }
    });
    return List.of(Route.read("GET", "/api/v1/recording", new RecordingHandler(this::directoryJson, () -> loaded,
            scheduler::statuses, config.maxSeriesPerRule())),
        Route.admin("PUT", "/api/v1/recording/*", files),
        Route.admin("DELETE", "/api/v1/recording/*", files));
  }

  private Map<String, Object> directoryJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dir", directory.path().toString());
    LoadedRules current = loaded;
    json.put("loaded_at", current == LoadedRules.NONE ? null : current.loadedAt().toString());
    return json;
  }

  @Override
  public Map<String, Object> stats() {
    List<RuleStatus> statuses = scheduler.statuses();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rules", statuses.size());
    json.put("refused", loaded.refused().size());
    json.put("series", statuses.stream().mapToInt(status -> status.series().size()).sum());
    json.put("failing", statuses.stream().filter(status -> status.lastError() != null).count());
    return Map.of("recording", json);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    scheduler.close();
    watermark.close();
  }
}
