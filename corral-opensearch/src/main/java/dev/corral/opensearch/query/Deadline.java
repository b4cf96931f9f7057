package dev.corral.opensearch.query;

import dev.corral.store.search.QueryTimeoutException;
import java.time.Duration;

/** When a query must have answered: its start plus its timeout. Immutable. */
record Deadline(Duration timeout, long endNanos) {
  static Deadline after(Duration timeout) {
    return new Deadline(timeout, System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
  }

  /** Time left, zero when passed. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /** @throws QueryTimeoutException when the deadline has passed */
  void check() {
    if (System.nanoTime() - endNanos >= 0) {
      throw new QueryTimeoutException(timeout);
    }
  }
}
