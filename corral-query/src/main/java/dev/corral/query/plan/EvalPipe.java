package dev.corral.query.plan;

import dev.corral.query.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * {@code | eval name = expr [, name2 = expr2 …]}: adds (or replaces) one field per assignment, in
 * order, so a later assignment reads an earlier one. Before the aggregating pipe it acts on each
 * event (the field is added to the event, for every later pipe); after it, on each row of the
 * table (a column, added at the end or replacing the column of that name). What an expression
 * computes: {@code dev.corral.query.table.ExpressionValues}.
 */
public record EvalPipe(List<Assignment> assignments) implements Pipe {
  public EvalPipe {
    assignments = List.copyOf(assignments);
    if (assignments.isEmpty()) {
      throw new IllegalArgumentException("eval needs at least one assignment");
    }
  }

  /** {@code name = expr}. */
  public record Assignment(String name, Expr expr) {
    public Assignment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expr, "expr");
    }
  }
}
