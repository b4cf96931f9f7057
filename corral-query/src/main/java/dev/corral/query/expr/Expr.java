package dev.corral.query.expr;

import java.util.List;
import java.util.Objects;

/**
 * A parsed expression of {@code | eval} or {@code | where}. Immutable. Values are Long, Double,
 * String, Boolean or null; what each node computes is stated on {@code
 * dev.corral.query.table.ExpressionValues}.
 */
public sealed interface Expr permits Expr.Literal, Expr.FieldRef, Expr.Negate, Expr.Not, Expr.Binary, Expr.Call {
  /** A number (Long or Double), a string, a boolean, or null. */
  record Literal(Object value) implements Expr {}

  /**
   * A field of an event or a column of a table, by name: as typed on events (resolved like a filter
   * field name), exactly on tables.
   */
  record FieldRef(String name) implements Expr {
    public FieldRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code -x}. */
  record Negate(Expr operand) implements Expr {
    public Negate {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code not x}, {@code !x}. */
  record Not(Expr operand) implements Expr {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code left op right}. */
  record Binary(Operator op, Expr left, Expr right) implements Expr {
    public Binary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** A function call; the parser checked the number of arguments against the function's arity. */
  record Call(Function function, List<Expr> args) implements Expr {
    public Call {
      Objects.requireNonNull(function, "function");
      args = List.copyOf(args);
    }
  }
}
