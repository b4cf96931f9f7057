package dev.corral.server.storage;

import dev.corral.model.EventBatch;
import dev.corral.server.service.Service;
import dev.corral.wal.DurableSink;
import dev.corral.wal.PushedConsumers;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The write-ahead log with its named consumers: every accepted request is appended and fsynced
 * here before it is acknowledged. Each durable record is pushed, on the WAL's writer thread and in
 * WAL order, to the live consumers (the ingest-rate meter, the live tails: no cursor) and then to
 * the indexer, the essential consumer whose cursor is the store's checkpoint (after a restart the
 * store replays from it, exactly once). The WAL itself deletes a segment once every durable
 * consumer has passed it, within its retention bound. Adding a reader of the event stream is one
 * more pushed consumer here, or a {@link WriteAheadLog#follow} on {@link #log()} for one that reads
 * on its own thread from a persisted cursor. Also the store's source when it recovers. Owns the
 * {@code corral_wal_*} metrics and the stats entry {@code wal}.
 */
public final class WalService implements Service {
  /** The WAL consumer whose cursor is the store's checkpoint (its commit point). */
  public static final String INDEXER = "indexer";
  /** The live tails, pushed each durable batch. */
  public static final String TAIL = "tail";
  /** The ingest-rate meter, pushed each durable batch. */
  public static final String INGEST_RATE = "ingest-rate";

  private final WalConfig config;
  private final StoreService store;
  private PushedConsumers<EventBatch> consumers;
  private volatile WriteAheadLog<EventBatch> wal;

  /**
   * @param ingestRate told each durable batch first; must not block
   * @param tail told each durable batch next; must not block
   */
  public WalService(WalConfig config, StoreService store, DurableSink<EventBatch> ingestRate,
      DurableSink<EventBatch> tail) {
    this.config = config;
    this.store = store;
    this.consumers = PushedConsumers.<EventBatch>none()
        .withLive(INGEST_RATE, ingestRate)
        .withLive(TAIL, tail)
        .withEssential(INDEXER, store::checkpoint, store::submit);
  }

  @Override
  public String name() {
    return "wal";
  }

  /**
   * Adds a live consumer told each durable batch after the others (e.g. the alert rules' match
   * watcher); must not block. Only before {@link #start()}.
   */
  public void addLiveConsumer(String name, DurableSink<EventBatch> sink) {
    if (wal != null) {
      throw new IllegalStateException("BUG: live consumer '" + name + "' added after the write-ahead log started");
    }
    consumers = consumers.withLive(name, sink);
  }

  @Override
  public void start() throws IOException {
    WriteAheadLog<EventBatch> log = WriteAheadLog.open(config, consumers);
    wal = log;
    store.events().recoverWith((from, sink) -> log.replay(from, (position, next, payload) ->
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
      store.events().awaitIndexed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while replaying the write-ahead log", e);
    }
    return records[0];
  }

  /** Bytes of WAL segments on disk. */
  public long bytesOnDisk() {
    return log().stats().bytesOnDisk();
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_wal_appended_records_total")
        .help("Records durably appended to the write-ahead log since start (one per accepted request)")
        .callback(callback -> callback.call(log().stats().appends())).register(registry);
    CounterWithCallback.builder().name("corral_wal_appended_bytes_total")
        .help("Payload bytes durably appended to the write-ahead log since start")
        .callback(callback -> callback.call(log().stats().appendedBytes())).register(registry);
    WalConsumerMetrics.register(registry, this::log);
    GaugeWithCallback.builder().name("corral_wal_bytes_on_disk")
        .help("Bytes of write-ahead log segments retained on disk")
        .callback(callback -> callback.call(bytesOnDisk())).register(registry);
  }

  @Override
  public Optional<String> degradedReason() {
    WriteAheadLog<EventBatch> open = wal;
    return open == null ? Optional.empty()
        : open.failure().map(failure -> "the write-ahead log stopped taking writes: " + failure.getMessage());
  }

  @Override
  public Map<String, Object> stats() {
    try {
      return Map.of("wal", WalStatsSection.of(log()));
    } catch (IOException e) {
      return Map.of("wal", Map.of("error", String.valueOf(e.getMessage())));
    }
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
