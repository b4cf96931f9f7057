package dev.corral.server;

import dev.corral.model.normalize.AliasTable;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.config.IngestSection;
import dev.corral.server.ingest.DiskSpaceGuard;
import dev.corral.server.ingest.IngestRate;
import dev.corral.server.ingest.IngestRateLimits;
import dev.corral.server.ingest.EventProcessing;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.metrics.IngestMetrics;
import dev.corral.server.service.Service;
import dev.corral.server.storage.StoreService;
import dev.corral.server.storage.WalService;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The ingest sink ({@link IngestSink}) every input writes to: the one decoder every input shares (the configured
 * limits and alias table, read once at start), the backlog bound, the free-disk floor, the rate
 * limits, the WAL append. Owns the ingest metrics and the stats entries {@code ingest} and
 * {@code pending_events_high_water}. Wires the ingest package (which is not a service itself yet).
 */
final class IngestStage implements Service {
  private final IngestSection config;
  private final Path dataDir;
  private final WalService wal;
  private final StoreService store;
  private final BooleanSupplier ready;
  private final IngestRate rate;
  private final IngestRateLimits rateLimits;
  private final Supplier<EventProcessing> processing;
  private IngestMetrics metrics;
  private volatile IngestSink ingest;

  /**
   * @param dataDir whose disk the free-disk floor watches
   * @param ready whether the server has started (ingest is refused before)
   * @param rate events made durable since start, and their rate
   * @param rateLimits the per-key events per second and the per-service quotas
   * @param processing the processing pipelines' step, asked once at start (their service starts before this one)
   */
  IngestStage(IngestSection config, Path dataDir, WalService wal, StoreService store, BooleanSupplier ready,
      IngestRate rate, IngestRateLimits rateLimits, Supplier<EventProcessing> processing) {
    this.config = config;
    this.dataDir = dataDir;
    this.wal = wal;
    this.store = store;
    this.ready = ready;
    this.rate = rate;
    this.rateLimits = rateLimits;
    this.processing = processing;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    metrics = new IngestMetrics(registry);
  }

  @Override
  public void start() throws IOException {
    AliasTable aliases = config.aliasesFile() == null ? AliasTable.defaults() : AliasTable.load(config.aliasesFile());
    EventDecoder decoder = new EventDecoder(config.decodeLimits(), aliases, config.window());
    ingest = new IngestSink(decoder, wal.log(), store.events()::pendingEvents, store.events()::failure,
        new DiskSpaceGuard(dataDir, config.minFreeBytes()), config.backlog(), ready, wal.maxRecordBytes(), metrics,
        rateLimits, processing.get());
  }

  /** The started ingest sink, which every input writes to. */
  IngestSink ingest() {
    IngestSink started = ingest;
    if (started == null) {
      throw new IllegalStateException("BUG: ingest is used before its service started");
    }
    return started;
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> perSecond = new LinkedHashMap<>();
    perSecond.put("last_10s", rounded(rate.perSecond(10)));
    perSecond.put("last_1m", rounded(rate.perSecond(60)));
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("events_total", rate.total());
    totals.put("events_per_second", perSecond);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ingest", totals);
    json.put("pending_events_high_water", ingest().backlogHighWater());
    return json;
  }

  private static double rounded(double rate) {
    return Math.round(rate * 10) / 10.0;
  }
}
