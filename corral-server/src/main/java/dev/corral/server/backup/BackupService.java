package dev.corral.server.backup;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.server.config.BackupSection;
import dev.corral.server.erasure.RawBackupEraser;
import dev.corral.server.service.Service;
import dev.corral.wal.ConsumerLag;
import dev.corral.wal.FollowOptions;
import dev.corral.wal.StartPoint;
import dev.corral.wal.WalFollower;
import dev.corral.wal.WriteAheadLog;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous raw backup (docs/operations.md, "Raw backup"): a WAL follower named
 * {@value #CONSUMER} that writes every record the WAL holds — acknowledged events as canonical
 * NDJSON — to {@code backup.url} as zstd-compressed objects ({@link RawBackupConsumer}). Off when
 * {@code backup.url} is empty. A store that is down or refuses never stops the server nor ingest: the
 * one-line error is in the stats entry {@code backup} and the backup catches up when the store
 * returns. Owns the {@code corral_backup_*} metrics.
 */
public final class BackupService implements Service {
  /** The WAL follower's name (its cursor file is {@code wal/consumers/backup.cursor}). */
  public static final String CONSUMER = "backup";
  private static final Logger log = LoggerFactory.getLogger(BackupService.class);
  /** How often the WAL's end is noted for lag_seconds: its resolution. */
  private static final Duration LAG_SAMPLE_INTERVAL = Duration.ofSeconds(1);
  /** How often the wait checks the follower's position. */
  private static final Duration FLUSH_POLL = Duration.ofMillis(20);

  private final BackupSection config;
  private final Path stateDir;
  private final Supplier<WriteAheadLog<EventBatch>> wal;
  private final BackupProgress progress = new BackupProgress();
  private final LagClock lagClock = new LagClock();
  private volatile BackupBucket bucket;
  private volatile RawBackupConsumer consumer;
  private volatile WalFollower follower;
  private volatile Thread sampler;

  /**
   * @param stateDir where the backup keeps its in-flight note ({@code <data>/backup})
   * @param wal the open WAL (its service starts before this one)
   */
  public BackupService(BackupSection config, Path stateDir, Supplier<WriteAheadLog<EventBatch>> wal) {
    this.config = config;
    this.stateDir = stateDir;
    this.wal = wal;
  }

  @Override
  public String name() {
    return "backup";
  }

  /** Starts following the WAL from the backup's cursor (from the oldest retained record the first time). */
  @Override
  public void start() throws IOException {
    if (!config.enabled()) {
      return;
    }
    BackupBucket opened = new BackupBucket(config.connection(), config.target());
    bucket = opened;
    Thread.ofVirtual().name("corral-backup-check").start(() -> check(opened));
    consumer = new RawBackupConsumer(bucket, stateDir, config.objectBytes(), config.objectAge(), progress);
    WriteAheadLog<EventBatch> log = wal.get();
    follower = log.follow(CONSUMER, new FollowOptions(StartPoint.OLDEST, Duration.ZERO), consumer);
    sampler = Thread.ofVirtual().name("corral-backup-lag").start(() -> sampleLag(log));
    BackupService.log.atInfo().addKeyValue("url", config.target().url()).addKeyValue("object_bytes", config.objectBytes())
        .addKeyValue("object_seconds", config.objectAge().toSeconds()).log("raw backup following the WAL");
  }

  /**
   * What an erasure uses to rewrite this backup's objects ({@link BackupEraser}); {@link
   * RawBackupEraser#NONE} when the backup is off.
   *
   * @param window the ingest window: how early and how late an event of a day may arrive
   */
  public RawBackupEraser eraser(IngestWindow window) {
    return config.enabled() ? new BackupEraser(() -> bucket, this::flush, window) : RawBackupEraser.NONE;
  }

  /**
   * Returns once every record the WAL holds now is in the bucket: the object being filled is cut
   * and uploaded at once rather than at its age. Called by an erasure before it lists the objects.
   *
   * @throws BackupStoreException when the backup is not running, or has not got there within
   *     {@code backup.erasure_wait} (the store fails or the backup lags far behind; the erasure is retried)
   */
  void flush() throws BackupStoreException {
    RawBackupConsumer running = consumer;
    WalFollower following = follower;
    if (running == null || following == null) {
      throw new BackupStoreException("the raw backup is not running; an erasure cannot reach its objects", null);
    }
    long end = wal.get().endPosition();
    running.cutBefore(end);
    long deadline = System.nanoTime() + config.erasureWait().toNanos();
    while (following.processedPosition() < end) {
      if (following.failure().isPresent() || System.nanoTime() > deadline) {
        throw new BackupStoreException("the raw backup has not uploaded the WAL up to position " + end + " within "
            + config.erasureWait().toSeconds() + " s (backup.erasure_wait; it is at " + following.processedPosition() + "; " + progress.fields()
            + "); the erasure of its objects is retried", null);
      }
      try {
        Thread.sleep(FLUSH_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackupStoreException("interrupted while waiting for the raw backup to upload up to " + end, e);
      }
    }
  }

  /** Tells at once (stats, one WARN line) when the bucket cannot be used, before any record needs it; off the start path. */
  private void check(BackupBucket opened) {
    try {
      opened.check();
    } catch (BackupStoreException e) {
      progress.failed(e.getMessage());
      log.atWarn().addKeyValue("url", config.target().url()).addKeyValue("error", e.getMessage())
          .log("raw backup cannot reach its bucket; it retries and falls behind until it can");
    }
  }

  private void sampleLag(WriteAheadLog<EventBatch> log) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        lagClock.sample(log.endPosition(), System.currentTimeMillis());
        Thread.sleep(LAG_SAMPLE_INTERVAL);
      }
    } catch (InterruptedException stopped) {
      // close()
    }
  }

  /** Where the follower stands in the WAL; empty when the backup is off or not started. */
  private Optional<ConsumerLag> lag() throws IOException {
    if (follower == null) {
      return Optional.empty();
    }
    return wal.get().consumers().stream().filter(c -> c.name().equals(CONSUMER)).findFirst();
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> entry = new LinkedHashMap<>();
    if (!config.enabled()) {
      entry.put("state", "off");
      return Map.of("backup", entry);
    }
    WalFollower running = follower;
    if (running != null && running.failure().isPresent()) {
      progress.stopped("the backup follower stopped: " + running.failure().get().getMessage());
    }
    entry.put("url", config.target().url());
    entry.putAll(progress.fields());
    try {
      Optional<ConsumerLag> lag = lag();
      entry.put("lag_records", lag.map(ConsumerLag::lagRecords).orElse(0L));
      entry.put("lag_bytes", lag.map(ConsumerLag::lagBytes).orElse(0L));
      entry.put("lag_seconds", lag.map(l -> lagClock.lagMillis(l.cursor(), System.currentTimeMillis()) / 1000.0).orElse(0.0));
      entry.put("cursor", lag.map(ConsumerLag::cursor).orElse(0L));
    } catch (IOException e) {
      entry.put("lag_error", String.valueOf(e.getMessage()));
    }
    return Map.of("backup", entry);
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_backup_objects_total")
        .help("Raw backup objects uploaded and verified since start")
        .callback(callback -> callback.call(progress.objects())).register(registry);
    CounterWithCallback.builder().name("corral_backup_uploaded_bytes_total")
        .help("Compressed bytes of raw backup objects uploaded since start")
        .callback(callback -> callback.call(progress.uploadedBytes())).register(registry);
    CounterWithCallback.builder().name("corral_backup_upload_failures_total")
        .help("Raw backup uploads that failed (each retried) since start")
        .callback(callback -> callback.call(progress.failures())).register(registry);
    CounterWithCallback.builder().name("corral_backup_gaps_total")
        .help("Times WAL retention dropped records before the raw backup read them, since start")
        .callback(callback -> callback.call(progress.gaps())).register(registry);
    CounterWithCallback.builder().name("corral_backup_missed_bytes_total")
        .help("WAL bytes dropped by retention before the raw backup read them, since start")
        .callback(callback -> callback.call(progress.missedBytes())).register(registry);
    GaugeWithCallback.builder().name("corral_backup_lag_seconds")
        .help("How long the oldest record not yet backed up has waited (about a second's resolution)")
        .callback(callback -> callback.call(lagNow().map(l -> lagClock.lagMillis(l.cursor(),
            System.currentTimeMillis()) / 1000.0).orElse(0.0))).register(registry);
    GaugeWithCallback.builder().name("corral_backup_lag_bytes")
        .help("WAL bytes not yet backed up")
        .callback(callback -> callback.call(lagNow().map(ConsumerLag::lagBytes).orElse(0L))).register(registry);
    GaugeWithCallback.builder().name("corral_backup_failing")
        .help("1 while the raw backup's uploads fail (see stats backup.error), else 0")
        .callback(callback -> callback.call(progress.state() == BackupProgress.State.FOLLOWING ? 0 : 1)).register(registry);
  }

  private Optional<ConsumerLag> lagNow() {
    try {
      return lag();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stops the follower (the object being filled is read again on the next start) and the client. */
  @Override
  public void close() throws IOException {
    RawBackupConsumer running = consumer;
    if (running != null) {
      running.stop();
    }
    WalFollower following = follower;
    follower = null;
    if (following != null) {
      following.close();
    }
    Thread sampling = sampler;
    if (sampling != null) {
      sampling.interrupt();
    }
    BackupBucket open = bucket;
    bucket = null;
    if (open != null) {
      open.close();
    }
  }
}
