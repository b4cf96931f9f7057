package dev.corral.server.ingest;

import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events the server writes into itself (alert history, the audit log), off the caller's thread:
 * {@link #offer} puts an event on a bounded queue and returns at once; one thread takes up to the
 * batch size at a time and hands them to the {@link Writer} (the ingest sink). An event that finds
 * the queue full, or arrives after {@link #close}, is dropped and counted; a batch the writer
 * refuses (the server is starting or stopping, the disk is full) is dropped, counted and handed to
 * {@link Failures}. The caller never waits for the disk. Thread-safe.
 */
public final class QueuedEventWriter implements AutoCloseable {
  /** How long {@link #close} waits for the queue to drain: a shutdown must not hang on a full disk. */
  private static final long CLOSE_WAIT_SECONDS = 5;
  /** How long the thread waits for an event before it looks whether it is closing. */
  private static final long POLL_MILLIS = 100;

  /** Where the events go. */
  @FunctionalInterface
  public interface Writer {
    /** Stores {@code events} durably; throws when they are refused. */
    void write(List<LogEvent> events) throws Exception;
  }

  /** Told of every batch the writer refused, after it was counted as dropped. */
  @FunctionalInterface
  public interface Failures {
    /** {@code events} were not stored because of {@code failure}; {@code droppedTotal} counts every drop since start. */
    void refused(int events, long droppedTotal, Exception failure);
  }

  private final Writer writer;
  private final Failures failures;
  private final int batchSize;
  private final BlockingQueue<LogEvent> queue;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param threadName the writing thread's name
   * @param capacity events waiting at most
   * @param batchSize events per write at most
   */
  public QueuedEventWriter(String threadName, int capacity, int batchSize, Writer writer, Failures failures) {
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException(threadName + ": capacity " + capacity + " and batch size " + batchSize
          + " must be at least 1");
    }
    this.writer = writer;
    this.failures = failures;
    this.batchSize = batchSize;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofVirtual().name(threadName).unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  /** Queues {@code event}; false when it was dropped (the queue is full, or closing) and counted. */
  public boolean offer(LogEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Events stored since start. */
  public long written() {
    return written.get();
  }

  /** Events dropped since start: the queue was full, it was closing, or the writer refused their batch. */
  public long dropped() {
    return dropped.get();
  }

  /** Events waiting now. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<LogEvent> batch = new ArrayList<>(batchSize);
    while (!(closing && queue.isEmpty())) {
      try {
        LogEvent first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
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
      failures.refused(batch.size(), dropped.addAndGet(batch.size()), e);
    }
  }

  /** Stores what is queued (waiting at most a few seconds), then stops; later events are dropped and counted. */
  @Override
  public void close() {
    closing = true;
    if (!thread.isAlive()) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }
}
