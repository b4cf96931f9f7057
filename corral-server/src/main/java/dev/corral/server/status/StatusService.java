package dev.corral.server.status;

import dev.corral.server.http.Route;
import dev.corral.server.service.Service;
import dev.corral.server.service.Services;
import dev.corral.server.metrics.RuntimeMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the server says about itself: {@code /health} and {@code /ready} (from the {@link Readiness}
 * and the services' degraded reasons), {@code /metrics} (the one Prometheus registry every service
 * registers in) and {@code /api/v1/stats} (every service's entries). Adds the stats entries
 * {@code disk} and {@code jvm}.
 */
public final class StatusService implements Service {
  private final Readiness readiness;
  private final Services services;
  private final PrometheusRegistry metrics;
  private final Path dataDir;
  private final LongSupplier dataBytes;
  private final Instant started = Instant.now();

  /**
   * @param dataDir the data directory, whose disk is reported
   * @param dataBytes what Corral keeps on disk: partitions and WAL segments
   */
  public StatusService(Readiness readiness, Services services, PrometheusRegistry metrics, Path dataDir,
      LongSupplier dataBytes) {
    this.readiness = readiness;
    this.services = services;
    this.metrics = metrics;
    this.dataDir = dataDir;
    this.dataBytes = dataBytes;
  }

  @Override
  public String name() {
    return "status";
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.open("GET", "/health", HealthHandlers.health(services::degradedReason)),
        Route.open("GET", "/ready", HealthHandlers.ready(readiness, services::degradedReason)),
        // read, not admin: a scraper needs no power to change anything; the metrics hold counts, not events
        Route.read("GET", "/metrics", new MetricsHandler(metrics)),
        Route.read("GET", "/api/v1/stats", new StatsHandler(services::all, started)));
  }

  /** The JVM's and the process's metrics ({@link RuntimeMetrics}). */
  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    RuntimeMetrics.registerIn(registry);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("disk", disk());
    json.put("jvm", jvm());
    return json;
  }

  private Map<String, Object> disk() {
    FileStore disk;
    try {
      disk = Files.getFileStore(dataDir);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("data_bytes", dataBytes.getAsLong());
      json.put("free_bytes", disk.getUsableSpace());
      json.put("total_bytes", disk.getTotalSpace());
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the disk of the data directory: " + e.getMessage(), e);
    }
  }

  /**
   * Heap figures: used now (garbage included), committed, the {@code -Xmx} maximum, and live after
   * the last collection of each heap pool (the figure that says whether the heap is big enough).
   */
  private static Map<String, Object> jvm() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long liveAfterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        liveAfterGc += afterGc.getUsed();
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("heap_used_bytes", heap.getUsed());
    json.put("heap_committed_bytes", heap.getCommitted());
    json.put("heap_max_bytes", heap.getMax());
    json.put("heap_live_after_gc_bytes", liveAfterGc);
    return json;
  }
}
