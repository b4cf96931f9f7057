package dev.corral.server.config;

import dev.corral.server.search.QueryCostLimits;
import dev.corral.server.search.QueryService;
import dev.corral.store.QueryRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code search.*} settings: result sizes, timeouts, the two query lanes and what one query may
 * hold. Limits are bounded by what a query accepts ({@link QueryRequest#MAX_LIMIT}).
 *
 * @param defaultLimit events returned when a search names no limit
 * @param maxLimit most events one search may return, and most table rows
 * @param timeout queries running longer are cancelled
 * @param maxConcurrent queries executing at once
 * @param maxQueued queries waiting beyond which new ones get 429
 * @param maxGroups groups an aggregation keeps before folding the rest into "(other)"
 * @param maxMemoryBytes aggregation state one query may hold
 * @param cost the expensive-query lane and the most a query may be estimated to cost
 */
public record SearchSection(int defaultLimit, int maxLimit, Duration timeout, int maxConcurrent, int maxQueued,
    int maxGroups, long maxMemoryBytes, QueryCostLimits cost) {
  /** Query threads beyond this only contend for the same cores and disks. */
  private static final int MAX_THREADS = 256;
  /** Waiting queries beyond this are a client loop, not a queue. */
  private static final int MAX_QUEUED = 100_000;
  /** A million passes over a whole terms dictionary: past any query worth running. */
  private static final int MAX_QUERY_COST = 1_000_000_000;

  public SearchSection {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(cost, "cost");
    if (defaultLimit > maxLimit) {
      throw new ConfigException("search.default_limit (" + defaultLimit + ") must not exceed search.max_limit ("
          + maxLimit + ")");
    }
  }

  /** Reads and validates the {@code search.*} settings. */
  public static SearchSection from(ConfigValues values) {
    return new SearchSection(
        values.integer(Settings.SEARCH_DEFAULT_LIMIT, 0, QueryRequest.MAX_LIMIT),
        values.integer(Settings.SEARCH_MAX_LIMIT, 1, QueryRequest.MAX_LIMIT),
        values.duration(Settings.SEARCH_TIMEOUT, Duration.ofMillis(10), Duration.ofHours(1)),
        values.integer(Settings.SEARCH_MAX_CONCURRENT, 1, MAX_THREADS),
        values.integer(Settings.SEARCH_MAX_QUEUED, 0, MAX_QUEUED),
        values.integer(Settings.SEARCH_MAX_GROUPS, 1, 10_000_000),
        values.bytes(Settings.SEARCH_MAX_MEMORY, 1 << 20, 1L << 40),
        cost(values));
  }

  private static QueryCostLimits cost(ConfigValues values) {
    try {
      return new QueryCostLimits(values.integer(Settings.SEARCH_EXPENSIVE_QUERY_COST, 1, MAX_QUERY_COST),
          values.integer(Settings.SEARCH_MAX_QUERY_COST, 1, MAX_QUERY_COST),
          values.integer(Settings.SEARCH_MAX_CONCURRENT_EXPENSIVE, 1, MAX_THREADS),
          values.integer(Settings.SEARCH_MAX_QUEUED_EXPENSIVE, 0, MAX_QUEUED));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** The query service's settings. */
  public QueryService.Settings querySettings() {
    return new QueryService.Settings(defaultLimit, maxLimit, timeout, maxConcurrent, maxQueued, maxGroups,
        maxMemoryBytes, cost);
  }
}
