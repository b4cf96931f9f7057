package dev.corral.server.search;

import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Route;
import dev.corral.server.metrics.QueryMetrics;
import dev.corral.server.service.Service;
import dev.corral.store.EventStore;
import dev.corral.store.LogStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Search: the {@link QueryService} (two lanes, timeouts, cost limits) and its HTTP API — search,
 * query, trace, fields and field values. Owns the query metrics and the stats entry {@code queries}.
 */
public final class SearchService implements Service {
  private final QueryService.Settings settings;
  private final int maxKeywordBytes;
  private final Supplier<EventStore> store;
  private final ArchivedDays archive;
  private final AuditTrail audit;
  private QueryMetrics metrics;
  private volatile QueryService queries;

  /**
   * @param maxKeywordBytes the store's keyword limit (the fields API says which values were too long to index)
   * @param store the open store, whatever its backend; read at start
   * @param archive the archived days queries reach ({@link ArchivedDays#NONE} without an archive; only the
   *     local store has an archive)
   */
  public SearchService(QueryService.Settings settings, int maxKeywordBytes, Supplier<EventStore> store,
      ArchivedDays archive) {
    this(settings, maxKeywordBytes, store, archive, AuditTrail.NONE);
  }

  /**
   * @param audit where every search, query and trace lookup is recorded (who, query, range); field
   *     summaries and values (the UI's autocompletion) are not searches and are not recorded
   */
  public SearchService(QueryService.Settings settings, int maxKeywordBytes, Supplier<EventStore> store,
      ArchivedDays archive, AuditTrail audit) {
    this.audit = audit;
    this.settings = settings;
    this.maxKeywordBytes = maxKeywordBytes;
    this.store = store;
    this.archive = archive;
  }

  @Override
  public String name() {
    return "search";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    metrics = new QueryMetrics(registry);
  }

  @Override
  public void start() {
    EventStore open = store.get();
    queries = open instanceof LogStore local
        ? new QueryService(local, archive, settings, metrics)
        : new QueryService(open.search(), settings, metrics);
  }

  /** The query service, for other services' own queries (alert rules); available once started. */
  public QueryService queries() {
    QueryService started = queries;
    if (started == null) {
      throw new IllegalStateException("BUG: the query service is used before its service started");
    }
    return started;
  }

  @Override
  public List<Route> routes() {
    QueryService started = queries();
    return List.of(
        Route.read("GET", "/api/v1/search", new SearchHandler(started, audit)),
        Route.read("POST", "/api/v1/query", new QueryHandler(started, audit)),
        Route.read("GET", "/api/v1/trace/*", new TraceHandler(started, audit)),
        Route.read("GET", "/api/v1/fields", new FieldsHandler(started, maxKeywordBytes)),
        Route.read("GET", "/api/v1/fields/*", new FieldValuesHandler(new TopValues(started))));
  }

  /** Per lane: {@code {"queries": {"normal": {"running": 1, "queued": 0}, "expensive": {…}}}}. */
  @Override
  public Map<String, Object> stats() {
    Map<String, Object> lanes = new LinkedHashMap<>();
    for (QueryLoad load : queries().load()) {
      lanes.put(load.lane(), Map.of("running", load.running(), "queued", load.queued()));
    }
    return Map.of("queries", lanes);
  }

  @Override
  public void close() {
    QueryService started = queries;
    queries = null;
    if (started != null) {
      started.close();
    }
  }
}
