package dev.corral.server.ingest;

import java.util.function.LongSupplier;

/**
 * Admits ingest requests against the indexing backlog so that its bound holds, counting what
 * requests in flight are about to add. The backlog is the store's pending events (durable in the
 * WAL, not yet indexed) plus the events reserved by requests between admission and the end of
 * their WAL append; a request {@link #reserve reserves} its events before it appends and
 * {@link #release releases} them once the append returned (the store counts them from then on)
 * or failed. Checking and reserving happen under one lock, so concurrent requests can never
 * together push the backlog past {@link IngestBacklog#maxPendingEvents()}.
 *
 * <p>The rules, for a request of {@code n} events while the backlog is {@code b}:
 * <ol>
 *   <li>{@code b + n <= max} and {@code b <= target}: admitted at once.
 *   <li>{@code b > target}: it waits for the indexers (pacing senders to the indexing rate, the
 *       way Elasticsearch's bulk requests wait), at most {@link IngestBacklog#maxWait()}; past
 *       that it is admitted if {@code b + n <= max} still holds.
 *   <li>{@code b + n > max}: it waits for room, at most the same wait, then is refused (429).
 *   <li>{@code n > max} (one request larger than the whole bound): admitted only when the backlog
 *       is empty. While it waits, smaller requests wait too, so that the backlog does drain: a
 *       large body is slow, never refused forever.
 *   <li>{@code b > max} (reached only through rule 4 or the WAL replay): refused at once.
 * </ol>
 *
 * <p>Waiting polls every {@value #POLL_MILLIS} ms: requests run on virtual threads, so a waiting
 * request costs no platform thread. Thread-safe.
 */
final class BacklogPacer {
  /**
   * How often a waiting request looks at the backlog again. The default target's 5,000 events keep the
   * indexers busy for about 150 ms, so a request admitted up to this late never leaves them idle;
   * at 5 ms the wake-ups of the waiting requests (a timed park, a reschedule, the lock) took about
   * 2 % of the server's CPU at full ingest rate.
   */
  static final long POLL_MILLIS = 20;

  private final LongSupplier pendingEvents;
  private final IngestBacklog limits;
  /** Events admitted whose WAL append has not returned yet. Guarded by this. */
  private long reserved;
  /** Requests larger than the bound waiting for an empty backlog. Guarded by this. */
  private int oversizeWaiting;
  /** Largest store backlog seen right after the append of an admitted request. Guarded by this. */
  private long highWater;

  /**
   * @param pendingEvents the store's backlog: events durable in the WAL but not yet indexed
   * @param limits its target, maximum and the longest wait
   */
  BacklogPacer(LongSupplier pendingEvents, IngestBacklog limits) {
    this.pendingEvents = pendingEvents;
    this.limits = limits;
  }

  /** The backlog now: the store's pending events plus those reserved by requests in flight. */
  synchronized long backlog() {
    return pendingEvents.getAsLong() + reserved;
  }

  /**
   * Reserves room for {@code events} under the rules of the class comment, waiting at most
   * {@link IngestBacklog#maxWait()}. A {@code true} answer must be followed by exactly one
   * {@link #release} of the same count.
   *
   * @return whether the events were reserved; false means the request must be refused
   * @throws InterruptedException when the waiting thread is interrupted (the server is stopping)
   */
  boolean reserve(long events) throws InterruptedException {
    boolean oversize = events > limits.maxPendingEvents();
    long deadline = System.nanoTime() + limits.maxWait().toNanos();
    synchronized (this) {
      if (oversize) {
        oversizeWaiting++;
      }
    }
    try {
      while (true) {
        boolean late = System.nanoTime() - deadline >= 0;
        synchronized (this) {
          long backlog = pendingEvents.getAsLong() + reserved;
          if (backlog > limits.maxPendingEvents()) {
            return false;
          }
          if (admits(backlog, events, oversize, late)) {
            reserved += events;
            return true;
          }
        }
        if (late) {
          return false;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } finally {
      if (oversize) {
        synchronized (this) {
          oversizeWaiting--;
        }
      }
    }
  }

  private boolean admits(long backlog, long events, boolean oversize, boolean late) {
    if (oversize) {
      return backlog == 0;
    }
    if (oversizeWaiting > 0 || backlog + events > limits.maxPendingEvents()) {
      return false;
    }
    return backlog <= limits.targetPendingEvents() || late;
  }

  /**
   * Gives back a reservation once its WAL append returned (the store counts the events from then
   * on) or failed, and notes the store's pending events at that moment for {@link #highWater()}.
   */
  synchronized void release(long events) {
    if (events > reserved) {
      throw new IllegalStateException("BUG: releasing " + events + " events, only " + reserved + " are reserved");
    }
    highWater = Math.max(highWater, pendingEvents.getAsLong());
    reserved -= events;
  }

  /**
   * The largest store backlog (events durable, not yet indexed) seen each time an admitted
   * request's append returned, which is when it grows: the peak the bound is meant to hold. Above
   * {@link IngestBacklog#maxPendingEvents()} only after a request larger than the bound, alone.
   */
  synchronized long highWater() {
    return highWater;
  }
}
