package dev.corral.server.ingest;

import java.util.function.LongSupplier;

/**
 * Holds ingest back while the store's indexing backlog is above a target, so that an
 * acknowledged event becomes searchable within about a second even when clients send faster than
 * the indexers keep up. A burst up to the target is taken at once; beyond it, each request waits
 * for the indexers before it is written, which paces senders to the indexing rate (the way
 * Elasticsearch's bulk requests wait for indexing). The wait is bounded: past {@code maxWait} the
 * request goes on, and only the hard limit ({@code ingest.max_pending_events}, 429) refuses.
 *
 * <p>Polls the backlog every {@value #POLL_MILLIS} ms: requests run on virtual threads, so a
 * waiting request costs no platform thread. Stateless apart from its configuration; thread-safe.
 */
final class BacklogPacer {
  static final long POLL_MILLIS = 5;

  private final LongSupplier pendingEvents;
  private final IngestBacklog limits;

  /**
   * @param pendingEvents the store's backlog: events durable in the WAL but not yet indexed
   * @param limits its target, maximum and the longest wait
   */
  BacklogPacer(LongSupplier pendingEvents, IngestBacklog limits) {
    this.pendingEvents = pendingEvents;
    this.limits = limits;
  }

  /**
   * Waits while the backlog is above the target but at most the maximum (a larger one is refused
   * at once by the caller, without waiting), for at most the configured wait.
   *
   * @return the backlog when the wait ended
   * @throws InterruptedException when the waiting thread is interrupted (the server is stopping)
   */
  long await() throws InterruptedException {
    long pending = pendingEvents.getAsLong();
    long deadline = System.nanoTime() + limits.maxWait().toNanos();
    while (pending > limits.targetPendingEvents() && pending <= limits.maxPendingEvents()
        && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MILLIS);
      pending = pendingEvents.getAsLong();
    }
    return pending;
  }
}
