package dev.corral.ship.deliver;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the delivery side since start, for the status endpoint. Thread-safe. */
public final class DeliveryStats {
  final AtomicLong sentEvents = new AtomicLong();
  final AtomicLong sentBatches = new AtomicLong();
  final AtomicLong rejectedEvents = new AtomicLong();
  final AtomicLong droppedEvents = new AtomicLong();
  final AtomicLong droppedBatches = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong spooledBatches = new AtomicLong();
  final AtomicLong spooledEvents = new AtomicLong();
  private final AtomicReference<LastError> lastError = new AtomicReference<>();

  /**
   * The most recent failure.
   *
   * @param at      when
   * @param message what happened, with the server's answer
   */
  public record LastError(Instant at, String message) {
  }

  void failed(String message) {
    lastError.set(new LastError(Instant.now(), message));
  }

  /** Events the server accepted. */
  public long sentEvents() {
    return sentEvents.get();
  }

  /** Requests (or parts of split requests) the server accepted. */
  public long sentBatches() {
    return sentBatches.get();
  }

  /** Events the server refused one by one (malformed; Corral keeps them as dead letters). */
  public long rejectedEvents() {
    return rejectedEvents.get();
  }

  /** Events of requests refused whole (a 4xx other than 401, 403, 413, 429), not sent again. */
  public long droppedEvents() {
    return droppedEvents.get();
  }

  /** Requests refused whole. */
  public long droppedBatches() {
    return droppedBatches.get();
  }

  /** Attempts that failed and were retried. */
  public long retries() {
    return retries.get();
  }

  /** Batches written to the spool since start. */
  public long spooledBatches() {
    return spooledBatches.get();
  }

  /** Events written to the spool since start. */
  public long spooledEvents() {
    return spooledEvents.get();
  }

  /** The last failure, or null. */
  public LastError lastError() {
    return lastError.get();
  }
}
