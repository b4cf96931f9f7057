package dev.corral.server.storage;

import dev.corral.store.LogStore;
import dev.corral.store.PartitionInfo;
import dev.corral.store.StoreTimings;
import dev.corral.store.Tier;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's metrics: how long refresh passes and commit rounds take (histograms the store feeds
 * through {@link StoreTimings}, once per pass or round), and its partitions and their bytes on disk
 * by tier, read from the store's partition list at scrape time. Thread-safe.
 */
final class StoreMetrics implements StoreTimings {
  private static final Logger LOG = LoggerFactory.getLogger(StoreMetrics.class);
  /**
   * Seconds: a refresh of a quiet partition takes well under a millisecond, a commit round fsyncs
   * every new file (tens of ms on a disk, seconds when it is saturated); these cover both.
   */
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Histogram refresh;
  private final Histogram commit;

  /** Registers the metrics; {@code store} is read at each scrape (the store opens after registration). */
  StoreMetrics(PrometheusRegistry registry, Supplier<LogStore> store) {
    refresh = Histogram.builder().name("corral_store_refresh_duration_seconds")
        .help("Time of one refresh pass that made newly indexed events visible to search (a read's, or the one after a commit round)")
        .classicOnly().classicUpperBounds(BUCKETS).register(registry);
    commit = Histogram.builder().name("corral_store_commit_duration_seconds")
        .help("Time of one commit round that made indexed events durable and advanced the checkpoint")
        .classicOnly().classicUpperBounds(BUCKETS).register(registry);
    GaugeWithCallback.builder().name("corral_store_partitions")
        .help("Day partitions in the local store, by tier (hot: receiving, warm: compacted)")
        .labelNames("tier")
        .callback(callback -> byTier(store, partition -> 1).forEach((tier, n) -> callback.call(n, tier.label())))
        .register(registry);
    GaugeWithCallback.builder().name("corral_store_bytes")
        .help("Bytes on disk of the local store's partitions, by tier")
        .labelNames("tier")
        .callback(callback -> byTier(store, PartitionInfo::sizeBytes)
            .forEach((tier, n) -> callback.call(n, tier.label())))
        .register(registry);
  }

  @Override
  public void refreshed(long nanos) {
    refresh.observe(nanos / 1e9);
  }

  @Override
  public void committed(long nanos) {
    commit.observe(nanos / 1e9);
  }

  /** The sum of {@code value} over the partitions of each tier, every tier present (0 when empty). */
  private static Map<Tier, Long> byTier(Supplier<LogStore> store, ToLongFunction<PartitionInfo> value) {
    Map<Tier, Long> sums = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      sums.put(tier, 0L);
    }
    List<PartitionInfo> partitions;
    try {
      partitions = store.get().searcher().partitions();
    } catch (IOException | IllegalStateException e) {
      LOG.atDebug().addKeyValue("error", String.valueOf(e)).log("partitions not available for this scrape");
      return sums;
    }
    for (PartitionInfo partition : partitions) {
      sums.merge(partition.tier(), value.applyAsLong(partition), Long::sum);
    }
    return sums;
  }
}
