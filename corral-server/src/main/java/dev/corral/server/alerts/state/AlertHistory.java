package dev.corral.server.alerts.state;

import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alert history events into Corral itself, off the evaluation thread: {@link #record} puts
 * them on a bounded queue and returns at once; one thread ({@code corral-alerts-history}) takes up
 * to {@link #BATCH} at a time and hands them to the {@link Writer} (the ingest sink, input
 * {@code alerts}). When the queue is full or the sink refuses (the server is starting, the disk
 * is full), the events are dropped and counted ({@link #dropped()}): history must never hold up an
 * evaluation, and the states themselves are safe in their file. Thread-safe.
 */
final class AlertHistory implements AutoCloseable {
  /** Events waiting at most: a few minutes of 200 rules' evaluations and their changes. */
  static final int MAX_QUEUED = 10_000;
  /** Events per write: one WAL record of a few hundred KiB at most. */
  static final int BATCH = 500;
  /** How long {@link #close} waits for the queue to drain: a shutdown must not hang on a full disk. */
  private static final long CLOSE_WAIT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

  /** Where the events go. */
  @FunctionalInterface
  interface Writer {
    /** Stores {@code events} durably; throws when they are refused. */
    void write(List<LogEvent> events) throws Exception;
  }

  private final Writer writer;
  private final BlockingQueue<LogEvent> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  AlertHistory(Writer writer) {
    this.writer = writer;
    this.thread = Thread.ofVirtual().name("corral-alerts-history").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code events}; those that find the queue full are dropped and counted. */
  void record(List<LogEvent> events) {
    for (LogEvent event : events) {
      if (!queue.offer(event)) {
        dropped.incrementAndGet();
      }
    }
  }

  /** Events stored since start. */
  long written() {
    return written.get();
  }

  /** Events dropped since start (queue full, or refused by the ingest sink). */
  long dropped() {
    return dropped.get();
  }

  private void run() {
    List<LogEvent> batch = new ArrayList<>(BATCH);
    while (!(closing && queue.isEmpty())) {
      try {
        LogEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<LogEvent> batch) {
    try {
      writer.write(List.copyOf(batch));
      written.addAndGet(batch.size());
    } catch (Exception e) {
      long total = dropped.addAndGet(batch.size());
      LOG.atWarn().addKeyValue("events", batch.size()).addKeyValue("dropped_total", total)
          .addKeyValue("reason", e.getMessage()).log("alert history events not stored");
    }
  }

  /** Stores what is queued (waiting at most a few seconds), then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }
}
