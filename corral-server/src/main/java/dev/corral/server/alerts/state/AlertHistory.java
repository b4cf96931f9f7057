package dev.corral.server.alerts.state;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.QueuedEventWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alert history events into Corral itself, off the evaluation thread: {@link #record} puts
 * them on a bounded queue and returns at once; one thread ({@code corral-alerts-history}) takes up
 * to {@link #BATCH} at a time and hands them to the {@link Writer} (the ingest sink, input
 * {@code alerts}) — a {@link QueuedEventWriter}. When the queue is full or the sink refuses (the
 * server is starting, the disk is full), the events are dropped and counted ({@link #dropped()}):
 * history must never hold up an evaluation, and the states themselves are safe in their file.
 * Thread-safe.
 */
final class AlertHistory implements AutoCloseable {
  /** Events waiting at most: a few minutes of 200 rules' evaluations and their changes. */
  static final int MAX_QUEUED = 10_000;
  /** Events per write: one WAL record of a few hundred KiB at most. */
  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

  /** Where the events go. */
  @FunctionalInterface
  interface Writer extends QueuedEventWriter.Writer {}

  private final QueuedEventWriter queue;

  AlertHistory(Writer writer) {
    this.queue = new QueuedEventWriter("corral-alerts-history", MAX_QUEUED, BATCH, writer,
        (events, droppedTotal, failure) -> LOG.atWarn().addKeyValue("events", events)
            .addKeyValue("dropped_total", droppedTotal).addKeyValue("reason", failure.getMessage())
            .log("alert history events not stored"));
  }

  void start() {
    queue.start();
  }

  /** Queues {@code events}; those that find the queue full are dropped and counted. */
  void record(List<LogEvent> events) {
    for (LogEvent event : events) {
      queue.offer(event);
    }
  }

  /** Events stored since start. */
  long written() {
    return queue.written();
  }

  /** Events dropped since start (queue full, or refused by the ingest sink). */
  long dropped() {
    return queue.dropped();
  }

  /** Stores what is queued (waiting at most a few seconds), then stops. */
  @Override
  public void close() {
    queue.close();
  }
}
