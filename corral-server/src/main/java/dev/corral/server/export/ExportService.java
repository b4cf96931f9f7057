package dev.corral.server.export;

import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Route;
import dev.corral.server.search.QueryService;
import dev.corral.server.service.Service;
import dev.corral.store.EventStore;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Streaming export ({@link ExportHandler}, {@code GET /api/v1/export}, read keys): owns the cap on
 * exports at once, the {@code exports} entry of {@code /api/v1/stats} ({@code running}, {@code
 * completed}, {@code cancelled}, {@code failed}, {@code events}, {@code bytes}) and the {@code
 * corral_export_*} metrics. Uses the store, whatever its backend (read on each export), and the
 * search settings (timeout per page, cost limit).
 */
public final class ExportService implements Service {
  private final QueryService.Settings settings;
  private final Supplier<EventStore> store;
  private final AuditTrail audit;
  private final ExportCounters counters = new ExportCounters(ExportHandler.MAX_RUNNING);

  /**
   * @param store the open store, local or a cluster; read on each export
   * @param audit where each export is recorded, as a search of kind {@code export}
   */
  public ExportService(QueryService.Settings settings, Supplier<EventStore> store, AuditTrail audit) {
    this.audit = audit;
    this.settings = settings;
    this.store = store;
  }

  @Override
  public String name() {
    return "export";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    counters.register(registry);
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.read("GET", "/api/v1/export", new ExportHandler(settings, store, counters, audit)));
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("exports", counters.stats());
  }
}
