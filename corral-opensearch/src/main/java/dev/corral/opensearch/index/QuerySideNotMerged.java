package dev.corral.opensearch.index;

import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.util.SortedSet;

/**
 * PLACEHOLDER until the read side ({@code dev.corral.opensearch.query.OpenSearchSearch}) is merged:
 * {@link OpenSearchStore#search()} then returns that instead. Refuses every read.
 */
final class QuerySideNotMerged implements EventSearch {
  @Override
  public QueryResult query(QueryRequest request) {
    throw new UnsupportedOperationException("query side not merged yet");
  }

  @Override
  public SortedSet<String> fieldNames() {
    throw new UnsupportedOperationException("query side not merged yet");
  }
}
