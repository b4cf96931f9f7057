package dev.corral.server.wal;

import dev.corral.model.EventBatch;
import dev.corral.server.ingest.IngestRate;
import dev.corral.server.service.Service;
import dev.corral.server.tail.TailHub;
import dev.corral.store.LogStore;
import dev.corral.wal.PushedConsumers;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The write-ahead log of the running server with its named consumers. {@link #start()} opens (and
 * recovers) the log; from then on the WAL itself deletes segments once every durable consumer has
 * passed them, within its retention bound. Adding a reader of the event stream is one more consumer
 * in {@link #consumers}, or a {@link WriteAheadLog#follow} on {@link #log()} for one that reads on
 * its own thread from a persisted cursor.
 */
public final class WalService implements Service {
  /** The WAL consumer whose cursor is the store's checkpoint (its commit point). */
  public static final String INDEXER = "indexer";
  public static final String TAIL = "tail";
  public static final String INGEST_RATE = "ingest-rate";

  private final WalConfig config;
  private final PushedConsumers<EventBatch> consumers;
  private volatile WriteAheadLog<EventBatch> log;

  public WalService(WalConfig config, PushedConsumers<EventBatch> consumers) {
    this.config = Objects.requireNonNull(config, "config");
    this.consumers = Objects.requireNonNull(consumers, "consumers");
  }

  /**
   * The server's pushed consumers, in push order: the ingest-rate meter and the live tail (live:
   * no cursor), then the indexer (essential: its cursor is the store's checkpoint, which only
   * advances after a commit round made everything before it durable in the partitions; after a
   * restart the store replays from it, exactly once).
   */
  public static PushedConsumers<EventBatch> consumers(LogStore store, IngestRate ingestRate, TailHub tail) {
    return PushedConsumers.<EventBatch>none()
        .withLive(INGEST_RATE, (position, next, batch) -> ingestRate.record(batch.size()))
        .withLive(TAIL, (position, next, batch) -> tail.publish(batch))
        .withEssential(INDEXER, store::checkpoint, store::submit);
  }

  @Override
  public String name() {
    return "wal";
  }

  @Override
  public void start() throws IOException {
    log = WriteAheadLog.open(config, consumers);
  }

  /** The open log. */
  public WriteAheadLog<EventBatch> log() {
    WriteAheadLog<EventBatch> open = log;
    if (open == null) {
      throw new IllegalStateException("BUG: the WAL service is used before it started");
    }
    return open;
  }

  @Override
  public Optional<String> degradedReason() {
    WriteAheadLog<EventBatch> open = log;
    return open == null ? Optional.empty()
        : open.failure().map(failure -> "the write-ahead log stopped taking writes: " + failure.getMessage());
  }

  @Override
  public Map<String, Object> stats() {
    try {
      return WalStatsSection.of(log());
    } catch (IOException e) {
      return Map.of("error", String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    WalConsumerMetrics.register(registry, this::log);
  }

  @Override
  public void close() throws IOException {
    WriteAheadLog<EventBatch> open = log;
    if (open != null) {
      open.close();
    }
  }
}
