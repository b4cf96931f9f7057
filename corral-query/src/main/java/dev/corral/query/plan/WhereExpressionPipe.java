package dev.corral.query.plan;

import dev.corral.query.expr.Expr;
import java.util.Objects;

/**
 * {@code | where expr}: keep the rows (or events) for which the condition holds ({@code
 * dev.corral.query.table.ExpressionValues#holds}). The plain form {@code where column op value},
 * with a literal value, is a {@link WherePipe}; any other condition — arithmetic, {@code and},
 * {@code or}, functions, two fields compared — is this pipe.
 */
public record WhereExpressionPipe(Expr condition) implements Pipe {
  public WhereExpressionPipe {
    Objects.requireNonNull(condition, "condition");
  }
}
