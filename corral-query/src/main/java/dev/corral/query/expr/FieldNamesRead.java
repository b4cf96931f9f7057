package dev.corral.query.expr;

import java.util.Set;

/** The names an expression reads ({@link Expr.FieldRef}), for warnings about fields no event has. */
public final class FieldNamesRead {
  private FieldNamesRead() {}

  /** Adds every name {@code expr} reads to {@code names}, in the order they appear. */
  public static void collect(Expr expr, Set<String> names) {
    switch (expr) {
      case Expr.Literal literal -> { }
      case Expr.FieldRef ref -> names.add(ref.name());
      case Expr.Negate negate -> collect(negate.operand(), names);
      case Expr.Not not -> collect(not.operand(), names);
      case Expr.Binary binary -> {
        collect(binary.left(), names);
        collect(binary.right(), names);
      }
      case Expr.Call call -> call.args().forEach(arg -> collect(arg, names));
    }
  }
}
