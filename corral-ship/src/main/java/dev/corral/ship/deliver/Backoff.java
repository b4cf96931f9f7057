package dev.corral.ship.deliver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the n-th wait
 * is uniform in [base, min(max, base·2ⁿ)], so many shippers coming back after one outage do not retry in step.
 * Not thread-safe: one per sender.
 */
final class Backoff {
  /** The first retry comes quickly: most failures are one dropped connection. */
  static final Duration BASE = Duration.ofMillis(200);
  /** A shipper checks a down server at least this often. */
  static final Duration MAX = Duration.ofSeconds(30);
  private int failures;

  Duration next() {
    long ceiling = Math.min(MAX.toMillis(), BASE.toMillis() << Math.min(failures, 20));
    failures++;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(BASE.toMillis(), ceiling + 1));
  }

  void reset() {
    failures = 0;
  }
}
