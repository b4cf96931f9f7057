package dev.corral.server.search;

import dev.corral.store.search.QueryResult;
import java.util.List;
import java.util.Map;

/**
 * A query's result plus warnings for the person who typed it (unknown fields with the nearest
 * known one) and, when its range reached archived days, what fetching them took ({@code
 * partitions_fetched}, {@code from_cache}, {@code fetch_ms}, {@code failed}); empty otherwise.
 */
public record QueryAnswer(QueryResult result, List<String> warnings, Map<String, Object> archive) {
  public QueryAnswer {
    warnings = List.copyOf(warnings);
    archive = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(archive));
  }

  /** An answer that reached no archived day. */
  public QueryAnswer(QueryResult result, List<String> warnings) {
    this(result, warnings, Map.of());
  }
}
