package dev.corral.server.search;

import dev.corral.store.search.QueryResult;
import java.util.List;

/**
 * A query's result plus warnings for the person who typed it (unknown fields with the nearest
 * known one).
 */
public record QueryAnswer(QueryResult result, List<String> warnings) {
  public QueryAnswer {
    warnings = List.copyOf(warnings);
  }
}
