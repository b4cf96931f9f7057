package dev.corral.store.search;

import dev.corral.query.plan.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A full query (filter + pipes) over a time range.
 *
 * @param fromNanos inclusive lower bound, epoch ns (Long.MIN_VALUE for none)
 * @param toNanos inclusive upper bound, epoch ns (Long.MAX_VALUE for none)
 * @param limit most events returned when the plan yields events (a head may lower it), 0..{@value #MAX_LIMIT}
 * @param now the instant {@code now-15m} style bounds are relative to
 * @param timeout the query is cancelled after this long (it then throws {@link
 *     QueryTimeoutException}); zero means already expired
 * @param limits row, group and memory caps
 */
public record QueryRequest(QueryPlan plan, long fromNanos, long toNanos, int limit, Instant now, Duration timeout,
    QueryLimits limits) {
  /** Results are read into memory at once; pages beyond this belong to a scroll/export API. */
  public static final int MAX_LIMIT = 10_000;

  public QueryRequest {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(limits, "limits");
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("time window starts (" + fromNanos + ") after it ends (" + toNanos + ")");
    }
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit (" + limit + ") must be in 0.." + MAX_LIMIT);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout (" + timeout + ") must not be negative");
    }
  }
}
