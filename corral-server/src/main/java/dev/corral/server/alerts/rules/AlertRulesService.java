package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.EvaluationSink;
import dev.corral.server.config.AlertsSection;
import dev.corral.server.http.Route;
import dev.corral.server.search.QueryLoad;
import dev.corral.server.search.QueryService;
import dev.corral.server.search.SearchableWatermark;
import dev.corral.server.service.Service;
import dev.corral.store.EventStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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
 * Alert rules: loads the rule files of {@code alerts.dir} at start and whenever one changes (checked
 * every {@code alerts.reload_interval}; a refused file is logged, listed and skipped, never stopping
 * the others), evaluates each enabled rule every {@code every} ({@link RuleScheduler}) in its own
 * pool and query lane, and hands each evaluation to the {@link EvaluationSink} (alerting's state
 * part). Match rules are evaluated on the live stream instead ({@link #matchConsumer()}). Needs the
 * store and the query service started before it. Owns the routes {@code /api/v1/alerts/rules[/...]},
 * the stats entry {@code alerts_rules} and the metrics {@code corral_alert_evaluations_total} and
 * {@code corral_alert_evaluation_duration_seconds}.
 */
public final class AlertRulesService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRulesService.class);

  private final AlertsSection config;
  private final RuleLibrary library;
  private final EvaluationHistory history = new EvaluationHistory();
  private final RuleQueries queries;
  private final SearchableWatermark watermark;
  private final RuleEvaluator evaluator;
  private final RulePreview preview;
  private final Object announcing = new Object();
  /** The last load the sink has not been told of (it was made before the server was ready); guarded by announcing. */
  private LoadedRules unannounced;
  private final EvaluationSink sink;
  private final Clock clock;
  private final BooleanSupplier ready;
  private final MatchWatcher matches;
  private RuleMetrics metrics;
  private RuleScheduler scheduler;
  private ScheduledExecutorService reloads;

  /**
   * @param queries the query service, read when a rule is first evaluated
   * @param store the open store, for the searchable watermark
   * @param sink receives every evaluation
   * @param clock the evaluations' "now" (tests move it)
   * @param ready whether the server is ready (the write-ahead log replayed): no rule is evaluated
   *     before, so that a window never misses events still being replayed (an absence rule would fire)
   */
  public AlertRulesService(AlertsSection config, Supplier<QueryService> queries,
      Supplier<EventStore> store, EvaluationSink sink, Clock clock,
      BooleanSupplier ready) {
    this.config = config;
    this.library = new RuleLibrary(new RuleDirectory(config.directory()), this::announce);
    this.queries = new RuleQueries(queries, config.maxConcurrent());
    this.watermark = new SearchableWatermark("corral-alerts-watermark", store, clock, config.lag());
    this.evaluator = new RuleEvaluator(this.queries, watermark, config.evalTimeout(), config.maxInstances());
    this.preview = new RulePreview(evaluator, config.evalTimeout());
    this.sink = sink;
    this.clock = clock;
    this.ready = ready;
    this.matches = new MatchWatcher(library, clock, config.maxInstances(), this::recordAndSend);
  }

  @Override
  public String name() {
    return "alerts-rules";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    metrics = new RuleMetrics(registry);
  }

  @Override
  public void start() throws IOException {
    try {
      library.reload();
    } catch (IOException e) {
      LOG.atError().addKeyValue("dir", config.directory()).addKeyValue("reason", e.toString())
          .log("alerts directory cannot be read; starting with no rules, checking again every interval");
    }
    watermark.start();
    scheduler = new RuleScheduler(library, evaluator, watermark, sink, clock, config.maxConcurrent(), ready,
        this::record);
    scheduler.start();
    matches.start();
    reloads = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-alerts-reload").daemon().factory());
    long every = config.reloadInterval().toMillis();
    reloads.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Tells the sink which rules are enabled now, once the server is ready (a load before, at start, waits for
   * the first check after: the sink may notify, and its links need the HTTP API up). Only the newest load is
   * told; an older one still waiting is dropped.
   */
  private void announce(LoadedRules loaded) {
    synchronized (announcing) {
      unannounced = loaded;
      announcePending();
    }
  }

  private void announcePending() {
    synchronized (announcing) {
      if (unannounced != null && ready.getAsBoolean()) {
        LoadedRules loaded = unannounced;
        unannounced = null;
        sink.rulesLoaded(loaded.rules().values().stream().map(CompiledRule::rule).filter(AlertRule::enabled).toList());
      }
    }
  }

  private void reloadIfChanged() {
    try {
      library.reloadIfChanged();
      announcePending();
      history.retain(library.loaded().rules().keySet());
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("dir", config.directory()).addKeyValue("reason", e.toString())
          .log("alerts directory check failed; the rules loaded before stay in use");
    }
  }

  private void record(Evaluation evaluation) {
    history.record(evaluation);
    CompiledRule rule = library.loaded().rules().get(evaluation.rule());
    if (metrics != null) {
      metrics.record(rule == null ? "unknown" : rule.rule().kind().wireName(), evaluation);
    }
  }

  private void recordAndSend(CompiledRule rule, Evaluation evaluation) {
    record(evaluation);
    sink.accept(rule.rule(), evaluation);
  }

  /**
   * What follows the write-ahead log for match rules: each durable batch is matched against the
   * enabled match rules on the WAL's publish path (a filter per event, no query), and matches are
   * reported at most once per rule's throttle. Wire it beside the live tails' consumer.
   */
  public MatchWatcher matchConsumer() {
    return matches;
  }

  @Override
  public List<Route> routes() {
    AlertRulesHandler handler = new AlertRulesHandler(library, history, preview, clock);
    List<Route> routes = new ArrayList<>();
    routes.add(Route.read("GET", "/api/v1/alerts/rules", handler));
    routes.add(Route.read("GET", "/api/v1/alerts/rules/*", handler));
    routes.add(Route.edit("PUT", "/api/v1/alerts/rules/*", handler));
    routes.add(Route.edit("DELETE", "/api/v1/alerts/rules/*", handler));
    routes.add(Route.edit("POST", "/api/v1/alerts/rules/" + AlertRulesHandler.PREVIEW, handler));
    return routes;
  }

  /**
   * {@code alerts_rules}: {@code dir}, {@code loaded_at}, {@code rules} (loaded), {@code failing_files}
   * ({@code [{file, error}]}), {@code channels_error}, {@code evaluations}, {@code errors}, {@code eval_ms}
   * (total) and the query lane's {@code running} and {@code queued}.
   */
  @Override
  public Map<String, Object> stats() {
    LoadedRules loaded = library.loaded();
    List<Map<String, Object>> failing = new ArrayList<>();
    for (RuleFile file : loaded.refused()) {
      failing.add(Map.of("file", file.name(), "error", file.error()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dir", config.directory().toString());
    json.put("loaded_at", loaded.loadedAt().toString());
    json.put("rules", loaded.rules().size());
    json.put("failing_files", failing);
    json.put("channels_error", loaded.channelsProblem());
    json.put("evaluations", history.evaluations());
    json.put("errors", history.errors());
    json.put("eval_ms", history.evalMillis());
    QueryLoad lane = queries.load();
    json.put("lane", Map.of("running", lane.running(), "queued", lane.queued()));
    json.put("match", matches.stats());
    return Map.of("alerts_rules", json);
  }

  @Override
  public void close() {
    if (reloads != null) {
      reloads.shutdownNow();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    matches.close();
    watermark.close();
    queries.close();
  }
}
