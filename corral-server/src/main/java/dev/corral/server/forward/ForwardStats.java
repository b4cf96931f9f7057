package dev.corral.server.forward;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the forwarding since start, for {@code /api/v1/stats} and {@code /metrics}. Thread-safe. */
final class ForwardStats {
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong missedBytes = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final AtomicReference<Instant> failingSince = new AtomicReference<>();

  /** An event the broker acknowledged. */
  void forwarded() {
    forwarded.incrementAndGet();
  }

  /** Events not forwarded: they came in through the Kafka input, or are the server's own audit entries. */
  void skipped(int events) {
    skipped.addAndGet(events);
  }

  /**
   * A send that failed (it is sent again).
   *
   * @return true when this is the first failure since the last success (worth one WARN line)
   */
  boolean failed(String reason) {
    failures.incrementAndGet();
    lastError.set(reason);
    return failingSince.compareAndSet(null, Instant.now());
  }

  /** Events sent again after a failure: each may reach the topic twice. */
  void resent(int events) {
    resent.addAndGet(events);
  }

  /** The WAL's retention bound deleted {@code bytes} of records before they were forwarded. */
  void missed(long bytes) {
    gaps.incrementAndGet();
    missedBytes.addAndGet(bytes);
  }

  /**
   * Sends succeed again.
   *
   * @return when the failures began, or null when nothing was failing
   */
  Instant recovered() {
    Instant since = failingSince.getAndSet(null);
    if (since != null) {
      lastError.set(null);
    }
    return since;
  }

  long forwardedEvents() {
    return forwarded.get();
  }

  long skippedEvents() {
    return skipped.get();
  }

  long failures() {
    return failures.get();
  }

  long resentEvents() {
    return resent.get();
  }

  long gaps() {
    return gaps.get();
  }

  long missedBytes() {
    return missedBytes.get();
  }

  /** The last failure while sends are failing, or null. */
  String lastError() {
    return lastError.get();
  }

  boolean failing() {
    return failingSince.get() != null;
  }
}
