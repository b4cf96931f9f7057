package dev.corral.server.audit;

import dev.corral.server.ingest.QueuedEventWriter;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AuditTrail} that stores entries as {@code logtype:audit} events ({@link AuditEvents}),
 * off the caller's thread: {@link #record} stamps the entry, puts it on a bounded queue and returns
 * at once; one thread ({@code corral-audit}) takes up to {@link #BATCH} at a time and hands them to
 * the {@link AuditService.Writer} (the ingest sink, input {@value AuditEvents#INPUT}), so they are
 * as durable as any event ({@link QueuedEventWriter}). An entry that finds the queue full, or whose
 * batch the sink refuses (the server is starting or stopping, the disk is full), is dropped and
 * counted ({@link #dropped()}), and a WARN says so at most once per {@link #WARN_EVERY_MILLIS}: an
 * audit never holds up the action it records, and {@link #record} never throws. Thread-safe.
 */
final class AuditQueue implements AuditTrail, AutoCloseable {
  /** Events per write: one WAL record of a few hundred KiB at most. */
  static final int BATCH = 500;
  /** Drops are logged at most this often, with the count since the last line: a flood must not flood the log. */
  static final long WARN_EVERY_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(AuditQueue.class);

  private final InstantSource clock;
  private final QueuedEventWriter queue;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong droppedSinceWarning = new AtomicLong();
  private final AtomicLong lastWarningMillis = new AtomicLong();

  /** @param capacity entries waiting at most; more are dropped */
  AuditQueue(AuditService.Writer writer, int capacity, InstantSource clock) {
    this.clock = clock;
    this.queue = new QueuedEventWriter("corral-audit", capacity, BATCH, writer::write,
        (events, droppedTotal, failure) -> warnDropped(events, "not stored: " + failure.getMessage()));
  }

  void start() {
    queue.start();
  }

  @Override
  public void record(AuditEntry entry) {
    recorded.incrementAndGet();
    if (!queue.offer(AuditEvents.of(entry, clock.instant()))) {
      warnDropped(1, "the audit queue is full (audit.max_queued) or the server is stopping");
    }
  }

  /** Entries handed to {@link #record} since start. */
  long recorded() {
    return recorded.get();
  }

  /** Entries stored as events since start. */
  long written() {
    return queue.written();
  }

  /** Entries dropped since start: the queue was full, or the sink refused their batch. */
  long dropped() {
    return queue.dropped();
  }

  /** Entries waiting now. */
  int queued() {
    return queue.queued();
  }

  /** Counts {@code entries} toward the next WARN line, and writes it if the last one is old enough. */
  private void warnDropped(int entries, String reason) {
    droppedSinceWarning.addAndGet(entries);
    long now = System.currentTimeMillis();
    long last = lastWarningMillis.get();
    if (now - last >= WARN_EVERY_MILLIS && lastWarningMillis.compareAndSet(last, now)) {
      LOG.atWarn().addKeyValue("dropped", droppedSinceWarning.getAndSet(0)).addKeyValue("dropped_total", queue.dropped())
          .addKeyValue("reason", reason).log("audit entries dropped");
    }
  }

  /** Stores what is queued (waiting a few seconds at most), then stops; later entries are dropped and counted. */
  @Override
  public void close() {
    queue.close();
  }
}
