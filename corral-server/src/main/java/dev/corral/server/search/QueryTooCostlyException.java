package dev.corral.server.search;

import dev.corral.query.QueryCost;

/**
 * A query whose estimated cost ({@link QueryCost}) is above {@code search.max_query_cost}: refused
 * before it runs. A client error (400); the message gives the estimate, what makes it and the limit.
 */
public final class QueryTooCostlyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public QueryTooCostlyException(QueryCost cost, int limit) {
    super(String.format(java.util.Locale.ROOT, "query is estimated to cost %s per partition; the limit is %,d "
        + "(search.max_query_cost). Give patterns a literal start (pay* rather than *pay*), use fewer of them, "
        + "or match exact values", cost.describe(), limit));
  }
}
