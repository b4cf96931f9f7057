package dev.corral.store.search;

import dev.corral.query.table.Table;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link QueryRequest}: events (newest first unless the plan sorts otherwise) or a
 * table, never both.
 *
 * @param total events matching the filter and any event-stage {@code where} (a {@code head} followed by
 *     {@code where} or {@code sort} counts only what it kept), before a trailing head or the limit
 * @param events the events when the plan yields events, else empty
 * @param table the table when the plan yields one, else null
 * @param partitionsRead the days read, e.g. "2026-11-21"
 * @param stepMillis how long each step took, in order: e.g. search, aggregate, pipes
 */
public record QueryResult(long total, List<StoredEvent> events, Table table, List<String> partitionsRead,
    Map<String, Long> stepMillis) {
  public QueryResult {
    events = List.copyOf(events);
    partitionsRead = List.copyOf(partitionsRead);
    stepMillis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepMillis));
  }

  public boolean isTable() {
    return table != null;
  }
}
