package dev.corral.store.exec;

import dev.corral.store.search.QueryTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.lucene.index.QueryTimeout;

/**
 * The moment a query must stop. Lucene polls it through {@link QueryTimeout} while it iterates
 * documents and while it expands wildcards, regexes and ranges into terms (see {@code
 * PartitionSearch}); collectors and the executor call {@link #check()} between steps and every few
 * thousand documents. A zero timeout has expired when created; a 1 ns timeout has expired by the
 * first check. Thread-safe (immutable).
 */
public final class QueryDeadline implements QueryTimeout {
  private final Duration timeout;
  private final LongSupplier clock;
  private final long startNanos;
  private final long timeoutNanos;

  private QueryDeadline(Duration timeout, LongSupplier clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.timeoutNanos = saturatedNanos(timeout);
  }

  /** A deadline {@code timeout} from now. */
  public static QueryDeadline after(Duration timeout) {
    return after(timeout, System::nanoTime);
  }

  /**
   * A deadline {@code timeout} after the first reading of {@code clock} (nanoseconds, like {@link
   * System#nanoTime()}): the test seam that lets a test count how often a query looks at its
   * deadline. The clock must be thread-safe when the query is.
   */
  public static QueryDeadline after(Duration timeout, LongSupplier clock) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(clock, "clock");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return new QueryDeadline(timeout, clock);
  }

  /** Whether the deadline has passed. */
  @Override
  public boolean shouldExit() {
    return clock.getAsLong() - startNanos >= timeoutNanos;
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
