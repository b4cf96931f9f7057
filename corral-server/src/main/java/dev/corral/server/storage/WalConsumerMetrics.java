package dev.corral.server.storage;

import dev.corral.wal.ConsumerLag;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per named WAL consumer, read at scrape time: how far behind the end it is (bytes and records) and
 * what the retention bound made it miss. Nothing is added to the write path.
 */
public final class WalConsumerMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(WalConsumerMetrics.class);

  private WalConsumerMetrics() {}

  /** Registers the metrics; {@code wal} is read at each scrape (the log opens after registration). */
  public static void register(PrometheusRegistry registry, Supplier<WriteAheadLog<?>> wal) {
    GaugeWithCallback.builder().name("corral_wal_consumer_lag_bytes")
        .help("Bytes of the write-ahead log between a consumer's cursor and the end, by consumer "
            + "(indexer: end minus the store's checkpoint; live consumers: 0)")
        .labelNames("consumer")
        .callback(callback -> each(wal, lag -> callback.call(lag.lagBytes(), lag.name()))).register(registry);
    GaugeWithCallback.builder().name("corral_wal_consumer_lag_records")
        .help("Records of the write-ahead log between a consumer's cursor and the end, by consumer")
        .labelNames("consumer")
        .callback(callback -> each(wal, lag -> callback.call(lag.lagRecords(), lag.name()))).register(registry);
    CounterWithCallback.builder().name("corral_wal_consumer_missed_bytes_total")
        .help("Write-ahead log bytes a follower was skipped over by the retention bound since start, by consumer")
        .labelNames("consumer")
        .callback(callback -> each(wal, lag -> callback.call(lag.missedBytes(), lag.name()))).register(registry);
    CounterWithCallback.builder().name("corral_wal_consumer_gaps_total")
        .help("Times a follower was skipped over by the retention bound since start, by consumer")
        .labelNames("consumer")
        .callback(callback -> each(wal, lag -> callback.call(lag.gaps(), lag.name()))).register(registry);
  }

  private static void each(Supplier<WriteAheadLog<?>> wal, Consumer<ConsumerLag> action) {
    List<ConsumerLag> lags;
    try {
      lags = wal.get().consumers();
    } catch (IOException | IllegalStateException e) {
      LOG.atDebug().addKeyValue("error", String.valueOf(e)).log("WAL consumer lag not available for this scrape");
      return;
    }
    lags.forEach(action);
  }
}
