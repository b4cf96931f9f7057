package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.table.Table;
import java.util.List;

/**
 * The result of a query plan: events (when {@link dev.corral.query.plan.QueryPlan#yieldsTable()}
 * is false) or a table.
 *
 * @param events the events in result order, at most the context's limit; empty for a table
 * @param total the events matched before any {@code head} and the limit; 0 for a table
 * @param table the table, or null for events
 */
public record EvaluationResult(List<LogEvent> events, long total, Table table) {
  public EvaluationResult {
    events = List.copyOf(events);
  }

  static EvaluationResult ofEvents(List<LogEvent> events, long total) {
    return new EvaluationResult(events, total, null);
  }

  static EvaluationResult ofTable(Table table) {
    return new EvaluationResult(List.of(), 0, table);
  }

  /** Whether the result is a table. */
  public boolean isTable() {
    return table != null;
  }
}
