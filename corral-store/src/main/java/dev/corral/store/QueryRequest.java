package dev.corral.store;

import dev.corral.query.plan.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A full query (filter + pipes) over a time range.
 *
 * @param fromNanos inclusive lower bound, epoch ns (Long.MIN_VALUE for none)
 * @param toNanos inclusive upper bound, epoch ns (Long.MAX_VALUE for none)
 * @param limit most events returned when the plan yields events
 * @param now the instant {@code now-15m} style bounds are relative to
 * @param timeout the search is cancelled after this long
 * @param limits row, group and memory caps
 */
public record QueryRequest(QueryPlan plan, long fromNanos, long toNanos, int limit, Instant now, Duration timeout,
    QueryLimits limits) {
  public QueryRequest {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(limits, "limits");
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("from is after to");
    }
  }
}
