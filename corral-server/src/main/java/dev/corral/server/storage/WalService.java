package dev.corral.server.storage;

import dev.corral.model.EventBatch;
import dev.corral.server.service.Service;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WalStats;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: every accepted request is appended and fsynced here before it is
 * acknowledged. Each durable record goes, on the WAL's writer thread and in WAL order, first to
 * {@code onDurable} (the ingest-rate meter and the live tails), then to the store; segments the
 * store has committed are deleted at each checkpoint. Also the store's source when it recovers.
 * Owns the {@code corral_wal_*} metrics and the stats entry {@code wal}.
 */
public final class WalService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(WalService.class);
  /** The WAL consumer whose cursor is the store's checkpoint (its commit point). */
  static final String INDEXER = "indexer";

  private final WalConfig config;
  private final StoreService store;
  private final Consumer<EventBatch> onDurable;
  private volatile WriteAheadLog<EventBatch> wal;

  /** @param onDurable told each durable batch before the store indexes it; must not block */
  public WalService(WalConfig config, StoreService store, Consumer<EventBatch> onDurable) {
    this.config = config;
    this.store = store;
    this.onDurable = onDurable;
    store.onCheckpoint(this::deleteBefore);
  }

  @Override
  public String name() {
    return "wal";
  }

  @Override
  public void start() throws IOException {
    WriteAheadLog<EventBatch> log = WriteAheadLog.open(config, (position, next, batch) -> {
      onDurable.accept(batch);
      store.submit(position, next, batch);
    });
    wal = log;
    store.store().recoverWith((from, sink) -> log.replay(from, (position, next, payload) ->
        sink.accept(position, next, EventBatch.decode(payload))));
  }

  /** The open log. */
  public WriteAheadLog<EventBatch> log() {
    WriteAheadLog<EventBatch> open = wal;
    if (open == null) {
      throw new IllegalStateException("BUG: the write-ahead log is used before its service started");
    }
    return open;
  }

  /** The largest record the log takes (one request's batch). */
  public int maxRecordBytes() {
    return config.maxRecordBytes();
  }

  /**
   * Feeds the store every record from {@code from} (its checkpoint) on (those acknowledged but not committed
   * before the last stop) and waits until they are indexed. Returns the records replayed.
   */
  long replayIntoStore(long from) throws IOException {
    long[] records = {0};
    log().replay(from, (position, next, payload) -> {
      store.submit(position, next, EventBatch.decode(payload));
      records[0]++;
    });
    try {
      store.store().awaitIndexed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while replaying the write-ahead log", e);
    }
    return records[0];
  }

  private void deleteBefore(long checkpoint) {
    WriteAheadLog<EventBatch> open = wal;
    if (open == null) {
      return;
    }
    try {
      int deleted = open.deleteBefore(checkpoint);
      if (deleted > 0) {
        LOG.atDebug().addKeyValue("checkpoint", checkpoint).addKeyValue("segments", deleted)
            .log("deleted committed wal segments");
      }
    } catch (IOException e) {
      LOG.atWarn().setCause(e).addKeyValue("checkpoint", checkpoint).log("could not delete committed wal segments");
    }
  }

  /** Bytes of WAL segments on disk. */
  public long bytesOnDisk() {
    return log().stats().bytesOnDisk();
  }

  private long indexerLagBytes() {
    return Math.max(0, log().endPosition() - store.store().checkpoint());
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_wal_appended_records_total")
        .help("Records durably appended to the write-ahead log since start (one per accepted request)")
        .callback(callback -> callback.call(log().stats().appends())).register(registry);
    CounterWithCallback.builder().name("corral_wal_appended_bytes_total")
        .help("Payload bytes durably appended to the write-ahead log since start")
        .callback(callback -> callback.call(log().stats().appendedBytes())).register(registry);
    GaugeWithCallback.builder().name("corral_wal_consumer_lag_bytes")
        .help("Bytes of the write-ahead log a consumer has not yet made durable on its side, by consumer "
            + "(indexer: WAL end position minus the store's checkpoint)")
        .labelNames("consumer")
        .callback(callback -> callback.call(indexerLagBytes(), INDEXER))
        .register(registry);
    GaugeWithCallback.builder().name("corral_wal_bytes_on_disk")
        .help("Bytes of write-ahead log segments retained on disk")
        .callback(callback -> callback.call(bytesOnDisk())).register(registry);
  }

  @Override
  public Map<String, Object> stats() {
    WriteAheadLog<EventBatch> log = log();
    WalStats walStats = log.stats();
    Map<String, Object> walJson = new LinkedHashMap<>();
    walJson.put("segments", walStats.segments());
    walJson.put("bytes_on_disk", walStats.bytesOnDisk());
    walJson.put("appends", walStats.appends());
    walJson.put("group_commits", walStats.groupCommits());
    walJson.put("start_position", log.startPosition());
    walJson.put("end_position", log.endPosition());
    walJson.put("checkpoint", store.store().checkpoint());
    walJson.put("lag_bytes", indexerLagBytes());
    return Map.of("wal", walJson);
  }

  /** Completes pending appends and closes the segment files. */
  @Override
  public void close() throws IOException {
    WriteAheadLog<EventBatch> open = wal;
    wal = null;
    if (open != null) {
      open.close();
    }
  }
}
