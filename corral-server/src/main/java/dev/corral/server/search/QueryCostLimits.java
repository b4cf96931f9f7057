package dev.corral.server.search;

/**
 * How {@link QueryService} treats queries by their estimated cost ({@link dev.corral.query.QueryCost}).
 *
 * @param expensiveCost from this estimate on, a query runs in the expensive lane ({@code
 *     search.expensive_query_cost})
 * @param maxCost above this estimate, a query is refused before it runs ({@code search.max_query_cost})
 * @param maxConcurrentExpensive expensive queries running at once ({@code search.max_concurrent_expensive})
 * @param maxQueuedExpensive expensive queries waiting beyond which new ones are refused as busy
 *     ({@code search.max_queued_expensive})
 */
public record QueryCostLimits(int expensiveCost, int maxCost, int maxConcurrentExpensive, int maxQueuedExpensive) {
  public QueryCostLimits {
    if (expensiveCost < 1 || maxCost < expensiveCost) {
      throw new IllegalArgumentException("search.expensive_query_cost (" + expensiveCost + ") must be at least 1 and at most "
          + "search.max_query_cost (" + maxCost + ")");
    }
    if (maxConcurrentExpensive < 1 || maxQueuedExpensive < 0) {
      throw new IllegalArgumentException("search.max_concurrent_expensive (" + maxConcurrentExpensive + ") must be at least 1 "
          + "and search.max_queued_expensive (" + maxQueuedExpensive + ") at least 0");
    }
  }
}
