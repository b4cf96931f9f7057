package dev.corral.query.expr;

import java.util.Objects;

/**
 * An expression read by {@link ExpressionParser#parse}.
 *
 * @param expr the expression
 * @param end the offset in the query text of the first character after it: a top-level {@code ,},
 *     the {@code |} of the next pipe, the end of the text, or whatever could not continue it
 */
public record ParsedExpression(Expr expr, int end) {
  public ParsedExpression {
    Objects.requireNonNull(expr, "expr");
  }
}
