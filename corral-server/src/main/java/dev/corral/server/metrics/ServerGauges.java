package dev.corral.server.metrics;

import dev.corral.store.LogStore;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;

/**
 * The metrics read, at scrape time, from counters and states the parts already keep: the WAL's
 * appends, the indexer's lag behind the WAL, the indexing backlog, live tails and HTTP connections.
 * Nothing is added to any hot path.
 */
public final class ServerGauges {
  /** The WAL consumer whose cursor is the store's checkpoint (its commit point). */
  static final String INDEXER = "indexer";

  private ServerGauges() {}

  /**
   * Registers the gauges in {@code registry}; each callback reads its source when scraped.
   *
   * @param tailSubscribers live tail streams open now (a supplier, so that metrics imports no
   *     server package that imports it back)
   * @param openConnections HTTP connections open now
   */
  public static void register(PrometheusRegistry registry, WriteAheadLog<?> wal, LogStore store,
      IntSupplier tailSubscribers, IntSupplier openConnections) {
    CounterWithCallback.builder().name("corral_wal_appended_records_total")
        .help("Records durably appended to the write-ahead log since start (one per accepted request)")
        .callback(callback -> callback.call(wal.stats().appends())).register(registry);
    CounterWithCallback.builder().name("corral_wal_appended_bytes_total")
        .help("Payload bytes durably appended to the write-ahead log since start")
        .callback(callback -> callback.call(wal.stats().appendedBytes())).register(registry);
    GaugeWithCallback.builder().name("corral_wal_consumer_lag_bytes")
        .help("Bytes of the write-ahead log a consumer has not yet made durable on its side, by consumer "
            + "(indexer: WAL end position minus the store's checkpoint)")
        .labelNames("consumer")
        .callback(callback -> callback.call(Math.max(0, wal.endPosition() - store.checkpoint()), INDEXER))
        .register(registry);
    GaugeWithCallback.builder().name("corral_wal_bytes_on_disk")
        .help("Bytes of write-ahead log segments retained on disk")
        .callback(callback -> callback.call(wal.stats().bytesOnDisk())).register(registry);
    GaugeWithCallback.builder().name("corral_indexing_pending_events")
        .help("Events durable in the write-ahead log but not yet indexed (the indexing backlog)")
        .callback(callback -> callback.call(store.pendingEvents())).register(registry);
    GaugeWithCallback.builder().name("corral_tail_subscribers")
        .help("Live tail streams open now")
        .callback(callback -> callback.call(tailSubscribers.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("corral_http_connections")
        .help("HTTP connections open now")
        .callback(callback -> callback.call(openConnections.getAsInt())).register(registry);
  }
}
