package dev.corral.server.search;

import dev.corral.model.Timestamps;
import dev.corral.query.QueryParser;
import dev.corral.query.TimeExpression;
import dev.corral.query.ast.Query;
import dev.corral.store.LogStore;
import dev.corral.store.SearchRequest;
import dev.corral.store.SearchResult;
import java.io.IOException;
import java.time.Instant;

/**
 * Runs a search: parses the query text and the time bounds, applies the limits, asks the store.
 * Thread-safe.
 */
public final class SearchService {
  private final LogStore store;
  private final int defaultLimit;
  private final int maxLimit;

  public SearchService(LogStore store, int defaultLimit, int maxLimit) {
    this.store = store;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
  }

  /**
   * @param queryText filter in Corral query syntax; blank matches everything
   * @param from lower time bound (ISO-8601, epoch ms, {@code now-15m}) or null for none
   * @param to upper time bound or null for none
   * @param limit events to return, or null for the default
   * @throws dev.corral.query.QuerySyntaxException for a query that does not parse
   * @throws IllegalArgumentException for a bad time bound or limit, naming it
   */
  public SearchResult search(String queryText, String from, String to, String limit, Instant now) throws IOException {
    Query query = QueryParser.parse(queryText == null ? "" : queryText);
    long fromNanos = from == null ? Long.MIN_VALUE : bound("from", from, now);
    long toNanos = to == null ? Long.MAX_VALUE : bound("to", to, now);
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
    }
    return store.search(new SearchRequest(query, fromNanos, toNanos, limit(limit), now));
  }

  private int limit(String text) {
    if (text == null) {
      return defaultLimit;
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit '" + text + "' is not a whole number");
    }
    if (value < 0 || value > maxLimit) {
      throw new IllegalArgumentException("limit " + value + " is outside 0.." + maxLimit + " (search.max_limit)");
    }
    return value;
  }

  private static long bound(String name, String text, Instant now) {
    try {
      return Timestamps.toNanos(TimeExpression.parse(text.trim(), now));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' " + e.getMessage(), e);
    }
  }
}
