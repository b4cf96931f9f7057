package dev.corral.server.ingest;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.metrics.IngestMetrics;
import dev.corral.wal.WalConfig;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An {@link IngestSink} over a real write-ahead log whose admission conditions a test sets: the
 * store's indexing backlog ({@link #pending}), the free disk space ({@link #freeBytes}, against a
 * minimum of {@link #MIN_FREE}) and readiness ({@link #ready}). What the WAL made durable is in
 * {@link #durable}, in order. Close it after the test.
 */
public final class SinkFixture implements AutoCloseable {
  /** The free space below which the disk counts as nearly full. */
  public static final long MIN_FREE = 1L << 30;

  public final AtomicLong pending = new AtomicLong();
  public final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);
  public final AtomicBoolean ready = new AtomicBoolean(true);
  public final List<EventBatch> durable = new CopyOnWriteArrayList<>();
  public final WriteAheadLog<EventBatch> wal;
  private final Path dir;

  public SinkFixture(Path dir) throws IOException {
    this.dir = dir;
    this.wal = WriteAheadLog.open(WalConfig.defaults(dir.resolve("wal")), (position, next, batch) -> durable.add(batch));
  }

  /** A sink with these backlog limits and the default WAL record limit. */
  public IngestSink sink(IngestBacklog backlog) {
    return sink(backlog, WalConfig.DEFAULT_MAX_RECORD_BYTES);
  }

  /** A sink with these backlog limits and this WAL record limit. */
  public IngestSink sink(IngestBacklog backlog, long maxRecordBytes) {
    return sink(backlog, maxRecordBytes, ready::get, new PrometheusRegistry());
  }

  /** A sink asking {@code readiness} whether the server is ready, counting into {@code registry}. */
  public IngestSink sink(IngestBacklog backlog, long maxRecordBytes, BooleanSupplier readiness,
      PrometheusRegistry registry) {
    return new IngestSink(EventDecoder.defaults(), wal, pending::get, Optional::empty,
        new DiskSpaceGuard(dir, MIN_FREE, freeBytes::get), backlog, readiness, maxRecordBytes,
        new IngestMetrics(registry), IngestRateLimits.of(ServiceQuotas.NONE), EventProcessing.NONE);
  }

  @Override
  public void close() throws IOException {
    wal.close();
  }
}
