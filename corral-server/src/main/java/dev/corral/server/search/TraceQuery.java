package dev.corral.server.search;

import dev.corral.model.FieldNames;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import java.util.List;

/** The query behind the trace view: events whose trace_id or request_id is the id, oldest first. */
public final class TraceQuery {
  private TraceQuery() {}

  /** @throws IllegalArgumentException for a blank id */
  public static QueryPlan plan(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a trace or request id is required, e.g. /api/v1/trace/4bf92f3577b34da6");
    }
    return new QueryPlan(new Or(List.of(new Phrase(FieldNames.TRACE_ID, id), new Phrase(FieldNames.REQUEST_ID, id))),
        List.of(new SortPipe(List.of(new SortKey(FieldNames.TIMESTAMP, false)))));
  }
}
