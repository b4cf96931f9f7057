package dev.corral.server.ingest;

import java.time.Duration;

/**
 * How far indexing may fall behind ingest, in events durable in the WAL but not yet indexed.
 *
 * @param targetPendingEvents above this, a request waits for the indexers before it is written
 *     (setting {@code ingest.target_pending_events}); keeps acknowledged events searchable within
 *     about a second
 * @param maxPendingEvents above this, a request is refused with 429 ({@code ingest.max_pending_events})
 * @param maxWait longest one request waits for the backlog to fall to the target
 */
public record IngestBacklog(long targetPendingEvents, long maxPendingEvents, Duration maxWait) {
  /** How long a request waits at most: a stalled indexer must not hold connections for long. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  public IngestBacklog {
    if (targetPendingEvents < 0 || targetPendingEvents > maxPendingEvents) {
      throw new IllegalArgumentException("target backlog (" + targetPendingEvents + ") must be in 0.."
          + maxPendingEvents + " (the maximum)");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait (" + maxWait + ") must not be negative");
    }
  }

  /** Limits with the default wait. */
  public static IngestBacklog of(long targetPendingEvents, long maxPendingEvents) {
    return new IngestBacklog(targetPendingEvents, maxPendingEvents, DEFAULT_MAX_WAIT);
  }
}
