package dev.corral.server.search;

import dev.corral.model.FieldNames;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Term;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import java.util.List;
import java.util.Objects;

/**
 * The query behind a trace view ({@code /api/v1/trace/{id}}): every event whose {@code trace_id} or
 * {@code request_id} equals the id exactly, whatever characters it has, oldest first. The server
 * groups the result by service ({@link TraceView}).
 */
public final class TracePlan {
  private TracePlan() {}

  /**
   * The plan for {@code id}.
   *
   * @throws IllegalArgumentException for a blank id
   */
  public static QueryPlan of(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a trace or request id is required, e.g. /api/v1/trace/4bf92f3577b34da6");
    }
    Query filter = new Or(List.of(new Term(FieldNames.TRACE_ID, id), new Term(FieldNames.REQUEST_ID, id)));
    return new QueryPlan(filter, List.of(new SortPipe(List.of(new SortKey(FieldNames.TIMESTAMP, false)))));
  }
}
