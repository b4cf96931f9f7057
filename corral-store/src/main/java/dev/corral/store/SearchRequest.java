package dev.corral.store;

import dev.corral.query.ast.Query;
import java.time.Instant;
import java.util.Objects;

/**
 * One search: a filter, a time window, how many events to return and what {@code now} means.
 *
 * @param query the filter AST
 * @param fromNanos inclusive lower bound in epoch ns; {@link Long#MIN_VALUE} for none
 * @param toNanos inclusive upper bound in epoch ns; {@link Long#MAX_VALUE} for none
 * @param limit how many of the newest matching events to return, 0..{@value #MAX_LIMIT}
 * @param now the instant that {@code now} in the query's time expressions denotes
 */
public record SearchRequest(Query query, long fromNanos, long toNanos, int limit, Instant now) {
  /** The same bound as {@link QueryRequest#MAX_LIMIT}, which enforces it for every query. */
  public static final int MAX_LIMIT = QueryRequest.MAX_LIMIT;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(now, "now");
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit (" + limit + ") must be in 0.." + MAX_LIMIT);
    }
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("time window starts (" + fromNanos + ") after it ends (" + toNanos + ")");
    }
  }

  /** The whole time range. */
  public static SearchRequest of(Query query, int limit, Instant now) {
    return new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, limit, now);
  }
}
