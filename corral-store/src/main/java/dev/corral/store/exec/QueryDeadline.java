package dev.corral.store.exec;

import dev.corral.store.QueryTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.index.QueryTimeout;

/**
 * The moment a query must stop. Lucene polls it through {@link QueryTimeout} while it iterates
 * documents; collectors and the executor call {@link #check()} between steps and every few
 * thousand documents. A zero timeout has expired when created; a 1 ns timeout has expired by the
 * first check. Thread-safe (immutable).
 */
public final class QueryDeadline implements QueryTimeout {
  private final Duration timeout;
  private final long startNanos;
  private final long timeoutNanos;

  private QueryDeadline(Duration timeout, long startNanos) {
    this.timeout = timeout;
    this.startNanos = startNanos;
    this.timeoutNanos = saturatedNanos(timeout);
  }

  /** A deadline {@code timeout} from now. */
  public static QueryDeadline after(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return new QueryDeadline(timeout, System.nanoTime());
  }

  /** Whether the deadline has passed. */
  @Override
  public boolean shouldExit() {
    return System.nanoTime() - startNanos >= timeoutNanos;
  }

  /** @throws QueryTimeoutException when the deadline has passed */
  public void check() {
    if (shouldExit()) {
      throw expired();
    }
  }

  /** The exception that reports this deadline's expiry. */
  public QueryTimeoutException expired() {
    return new QueryTimeoutException(timeout);
  }

  private static long saturatedNanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
