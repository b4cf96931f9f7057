package dev.corral.ship.deliver;

import dev.corral.ship.RecordSink;
import dev.corral.ship.ShipRecord;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the inputs and the batcher: the {@link RecordSink} every input writes to.
 * {@link #accept} blocks while the queue is full (back-pressure: an input stops reading and its file stays where
 * it is) and throws {@link InterruptedException} once the queue is {@link #close() closed}, which is how a
 * stopping shipper tells the inputs to return. Thread-safe.
 */
public final class RecordQueue implements RecordSink {
  /** Two full default batches: the batcher never waits on the inputs while one batch is being sent. */
  public static final int DEFAULT_CAPACITY = 4096;
  /** How often a blocked {@link #accept} checks whether the queue was closed. */
  private static final long CLOSE_CHECK_MILLIS = 100;
  private final BlockingQueue<ShipRecord> records;
  private volatile boolean closed;

  public RecordQueue(int capacity) {
    this.records = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void accept(ShipRecord record) throws InterruptedException {
    while (!closed) {
      if (records.offer(record, CLOSE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    throw new InterruptedException("the shipper is stopping; record of " + record.source().id() + " not taken");
  }

  /** The next record, waiting up to {@code millis}; null when none came. */
  ShipRecord poll(long millis) throws InterruptedException {
    return records.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Takes no more records; those already queued are still delivered. */
  public void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  /** How many records wait now. */
  public int size() {
    return records.size();
  }
}
