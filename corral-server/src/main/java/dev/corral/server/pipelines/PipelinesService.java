package dev.corral.server.pipelines;

import dev.corral.pipeline.DocumentLimits;
import dev.corral.pipeline.engine.Pipeline;
import dev.corral.pipeline.engine.ProcessorCatalog;
import dev.corral.server.config.PipelinesSection;
import dev.corral.server.http.Route;
import dev.corral.server.ingest.EventProcessing;
import dev.corral.server.service.Service;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing pipelines: loads the definitions' directory at start, checks it every {@code
 * pipelines.reload_interval} and reloads when a file changed (also right after an API change), and
 * gives the ingest sink its processing step ({@link #processing()}). Started before {@code ingest}.
 * A definition that does not read or build is refused alone, logged and listed with its reason;
 * the server starts anyway (a directory that cannot be read at all starts it with no pipelines).
 * Keeps the last events of each input for the live preview ({@link RecentEvents}, served to admins at {@code
 * /api/v1/inputs/recent[/{input}]}). Owns the stats entry {@code pipelines}, the routes {@code /api/v1/pipelines[/{id}]}, the counter
 * {@code corral_pipeline_events_total{pipeline,outcome}} and the per-processor counters ({@link ProcessorMetrics}).
 */
public final class PipelinesService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinesService.class);

  private final PipelinesSection config;
  private final DocumentLimits limits;
  private final PipelineLibrary library;
  private final ProcessorMetrics processorMetrics;
  private final RecentEvents recent;
  private ScheduledExecutorService reloads;
  private Counter outcomes;
  private volatile EventProcessing processing;

  /** @param limits how large a pipeline may make one event: the ingest limits */
  public PipelinesService(PipelinesSection config, DocumentLimits limits) {
    this.config = config;
    this.limits = limits;
    this.processorMetrics = new ProcessorMetrics(() -> library().set());
    this.recent = new RecentEvents(config.previewEvents());
    this.library = new PipelineLibrary(new PipelineDirectory(config.directory()),
        ProcessorCatalog.standard(config.geoipDirectory()), config.geoipDirectory(), processorMetrics::retire);
  }

  @Override
  public String name() {
    return "pipelines";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    outcomes = Counter.builder().name("corral_pipeline_events_total")
        .help("Events run through a pipeline selected for them, by pipeline and outcome (kept, dropped, failed)")
        .labelNames("pipeline", "outcome").register(registry);
    processorMetrics.register(registry);
  }

  @Override
  public void start() throws IOException {
    try {
      library.reload();
    } catch (IOException e) {
      LOG.atError().addKeyValue("dir", config.directory()).addKeyValue("reason", e.toString())
          .log("pipelines directory cannot be read; starting with no pipelines, checking again every interval");
    }
    try {
      library.loadIndexDefaults();
    } catch (IOException e) {
      LOG.atError().addKeyValue("file", config.directory().resolve(IndexDefaultPipelines.FILE_NAME))
          .addKeyValue("reason", e.getMessage())
          .log("index default pipelines cannot be read; _bulk runs no index default until the file is fixed");
    }
    processing = new PipelineSelection(library::set, config.inputDefaults(), limits, outcomes, recent);
    reloads = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-pipelines-reload").daemon().factory());
    long every = config.reloadInterval().toMillis();
    reloads.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
  }

  private void reloadIfChanged() {
    try {
      library.reloadIfChanged();
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("dir", config.directory()).addKeyValue("reason", e.toString())
          .log("pipelines directory check failed; the pipelines loaded before stay in use");
    }
  }

  /** The ingest sink's processing step; available once started. */
  public EventProcessing processing() {
    EventProcessing started = processing;
    if (started == null) {
      throw new IllegalStateException("BUG: the pipelines are used before their service started");
    }
    return started;
  }

  /** The pipelines and the one way to change them (for the Elasticsearch ingest-pipeline API). */
  public PipelineLibrary library() {
    return library;
  }

  @Override
  public List<Route> routes() {
    PipelinesHandler handler = new PipelinesHandler(library);
    List<Route> routes = new ArrayList<>();
    routes.add(Route.read("GET", "/api/v1/pipelines", handler));
    routes.add(Route.read("GET", "/api/v1/pipelines/*", handler));
    routes.add(Route.admin("PUT", "/api/v1/pipelines/*", handler));
    routes.add(Route.admin("DELETE", "/api/v1/pipelines/*", handler));
    RecentEventsHandler recentEvents = new RecentEventsHandler(recent);
    routes.add(Route.admin("GET", "/api/v1/inputs/recent", recentEvents));
    routes.add(Route.admin("GET", "/api/v1/inputs/recent/*", recentEvents));
    return routes;
  }

  @Override
  public Map<String, Object> stats() {
    LoadedPipelines loaded = library.loaded();
    Map<String, Object> pipelines = new LinkedHashMap<>();
    for (Pipeline pipeline : loaded.set().pipelines()) {
      pipelines.put(pipeline.id(), PipelineStatsJson.of(pipeline.stats()));
    }
    List<Map<String, Object>> refused = new ArrayList<>();
    for (PipelineFile file : loaded.refused()) {
      refused.add(Map.of("file", file.name(), "error", file.error()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dir", config.directory().toString());
    json.put("loaded_at", loaded.loadedAt().toString());
    json.put("pipelines", pipelines);
    json.put("refused", refused);
    return Map.of("pipelines", json);
  }

  @Override
  public void close() {
    if (reloads != null) {
      reloads.shutdownNow();
    }
  }
}
