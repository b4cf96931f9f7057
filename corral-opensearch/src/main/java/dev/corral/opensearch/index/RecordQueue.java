package dev.corral.opensearch.index;

import dev.corral.model.EventBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The records submitted and not yet acknowledged by the cluster, in WAL order, bounded in memory:
 * <ul>
 *   <li>a record stays queued (and counts in {@link #pendingEvents()}) until every document of it
 *       is acknowledged ({@link #complete}), so the checkpoint ({@link #acked()}) never passes it;
 *   <li>past {@code maxQueuedEvents} the queue stops holding records: from the first one that does
 *       not fit, records are only counted (a "gap", still pending), and once the queue has drained the
 *       writer reads them again from the WAL ({@link #gapFrom()}, {@link #replayed}) until the gap
 *       is closed. Nothing is dropped: the WAL holds every record submitted.
 * </ul>
 * Thread-safe: submitters on one side, the writer thread on the other; waits use this monitor.
 */
final class RecordQueue {
  /** One record waiting for the cluster. */
  record Queued(long position, long nextPosition, EventBatch batch, long submittedNanos) {}

  private final long maxQueuedEvents;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private long queuedEvents;
  /** Where the last record submitted ended: what a waiter waits for. */
  private long lastNextPosition;
  /** The checkpoint: every record before it is acknowledged. */
  private volatile long acked;
  /** First position held only in the WAL, or -1 when none. */
  private long gapFrom = -1;
  private long gapEnd;
  private long gapEvents;
  private long gapSinceNanos;
  private boolean closed;

  RecordQueue(long checkpoint, long maxQueuedEvents) {
    this.acked = checkpoint;
    this.lastNextPosition = checkpoint;
    this.maxQueuedEvents = maxQueuedEvents;
  }

  /**
   * Takes a record in WAL order.
   *
   * @return false when the queue is closed
   * @throws IllegalArgumentException when positions are reversed or below the checkpoint
   */
  synchronized boolean submit(long position, long nextPosition, EventBatch batch) {
    if (nextPosition <= position) {
      throw new IllegalArgumentException("nextPosition (" + nextPosition + ") must be after position (" + position + ")");
    }
    if (position < acked) {
      throw new IllegalArgumentException("record at position " + position + " is below the checkpoint " + acked);
    }
    if (closed) {
      return false;
    }
    lastNextPosition = Math.max(lastNextPosition, nextPosition);
    if (gapFrom >= 0 || queuedEvents > 0 && queuedEvents + batch.size() > maxQueuedEvents) {
      if (gapFrom < 0) {
        gapFrom = position;
        gapSinceNanos = System.nanoTime();
      }
      gapEnd = Math.max(gapEnd, nextPosition);
      gapEvents += batch.size();
    } else {
      queue.add(new Queued(position, nextPosition, batch, System.nanoTime()));
      queuedEvents += batch.size();
    }
    notifyAll();
    return true;
  }

  /**
   * The oldest queued records within the limits (at least one), left in the queue until {@link
   * #complete}; empty when only a gap waits or the queue closed. Blocks while there is nothing.
   */
  synchronized List<Queued> next(int maxDocs, long maxBytes) throws InterruptedException {
    while (queue.isEmpty() && gapFrom < 0 && !closed) {
      wait();
    }
    List<Queued> taken = new ArrayList<>();
    long docs = 0;
    long bytes = 0;
    for (Queued record : queue) {
      if (!taken.isEmpty() && (docs + record.batch().size() > maxDocs || bytes + record.batch().source().length > maxBytes)) {
        break;
      }
      taken.add(record);
      docs += record.batch().size();
      bytes += record.batch().source().length;
    }
    return taken;
  }

  /** Removes records the cluster acknowledged (the oldest {@code records.size()}) and moves the checkpoint past them. */
  synchronized void complete(List<Queued> records) {
    for (Queued record : records) {
      Queued head = queue.poll();
      if (head != record) {
        throw new IllegalStateException("BUG: completed record at " + record.position() + " is not the oldest queued");
      }
      queuedEvents -= record.batch().size();
      acked = record.nextPosition();
    }
    notifyAll();
  }

  /** Where the gap starts, or -1 when there is none or records are still queued before it. */
  synchronized long gapFrom() {
    return queue.isEmpty() ? gapFrom : -1;
  }

  /** A replayed record of the gap was acknowledged. */
  synchronized void replayed(long nextPosition, int events) {
    acked = Math.max(acked, nextPosition);
    gapEvents = Math.max(0, gapEvents - events);
    notifyAll();
  }

  /** A replay of the gap read the WAL up to {@code reached}: closes the gap, or moves its start there. */
  synchronized void replayEnded(long reached) {
    if (gapEnd <= reached) {
      gapFrom = -1;
      gapEvents = 0;
    } else {
      gapFrom = reached;
    }
    notifyAll();
  }

  long acked() {
    return acked;
  }

  synchronized long lastNextPosition() {
    return lastNextPosition;
  }

  synchronized long pendingEvents() {
    return queuedEvents + gapEvents;
  }

  /** How long the oldest record not yet acknowledged has waited; 0 when none waits. */
  synchronized long oldestWaitNanos() {
    long oldest = queue.isEmpty() ? (gapFrom >= 0 ? gapSinceNanos : 0) : queue.peek().submittedNanos();
    return oldest == 0 ? 0 : Math.max(0, System.nanoTime() - oldest);
  }

  /** Blocks until the checkpoint reaches {@code position} or {@code millis} pass; whether it did. */
  synchronized boolean awaitAcked(long position, long millis) throws InterruptedException {
    if (acked < position && !closed) {
      wait(millis);
    }
    return acked >= position;
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
