package dev.corral.server.forward;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WAL record whose events are on their way to the broker: the follower's cursor may pass it once {@link #done()}.
 * Thread-safe: the producer's I/O thread counts acknowledgements while the follower's thread reads {@code done}.
 */
final class InFlightRecord {
  private final long position;
  private final AtomicInteger unacknowledged;

  /**
   * @param position the record's WAL position
   * @param events how many of its events are sent (0: none to forward, done at once)
   */
  InFlightRecord(long position, int events) {
    this.position = position;
    this.unacknowledged = new AtomicInteger(events);
  }

  long position() {
    return position;
  }

  /** One of its events was acknowledged by the broker. */
  void acknowledged() {
    if (unacknowledged.decrementAndGet() < 0) {
      throw new IllegalStateException("BUG: WAL record " + position + " acknowledged more often than it has events");
    }
  }

  /** Whether the broker acknowledged every event of the record. */
  boolean done() {
    return unacknowledged.get() == 0;
  }
}
