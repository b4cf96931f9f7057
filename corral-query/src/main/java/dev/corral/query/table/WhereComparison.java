package dev.corral.query.table;

import dev.corral.query.TimeExpression;
import dev.corral.query.plan.CompareOp;
import dev.corral.query.resolve.WhereValue;

/**
 * Decides {@code | where column op value} for one cell (or one event field value), the same way
 * for the store and the in-memory evaluator. Stateless and thread-safe.
 *
 * <ul>
 *   <li>A null cell (missing field) never matches, not even with {@code !=}.
 *   <li>When the column is LONG, DOUBLE or TIMESTAMP, the cell is a number and the value reads as a
 *       decimal number ({@code 42}, {@code -1.5}, {@code 1e3}), they compare numerically
 *       ({@link ValueOrder#compareNumbers}; a Long cell against a whole value exactly). For a
 *       TIMESTAMP column an absolute time ({@code 2026-11-21T17:00:00Z}, {@code 2026-11-21}, read
 *       by {@link TimeExpression}, not {@code now…}) also works and compares as epoch nanoseconds.
 *   <li>Otherwise both compare as text with {@link String#compareTo}: the cell's text is the string
 *       itself, a number's {@link NumberText canonical text} (a Long's decimal digits), a boolean's
 *       {@code true}/{@code false}.
 * </ul>
 */
public final class WhereComparison {
  private WhereComparison() {}

  /** Whether {@code cell op value} holds for a cell of a column of {@code type}. */
  public static boolean matches(Object cell, ColumnType type, CompareOp op, String value) {
    return matches(cell, type, op, WhereValue.of(value));
  }

  /** Whether {@code cell op value} holds, the value read once ({@link WhereValue#of}). */
  public static boolean matches(Object cell, ColumnType type, CompareOp op, WhereValue value) {
    if (cell == null) {
      return false;
    }
    if (cell instanceof Number number && type != ColumnType.STRING) {
      Number parsed = value.number() != null ? value.number()
          : type == ColumnType.TIMESTAMP ? value.timeNanos() : null;
      if (parsed != null) {
        return holds(op, ValueOrder.compareNumbers(number, parsed));
      }
    }
    return holds(op, text(cell).compareTo(value.text()));
  }

  /** The text a cell compares as: see the class comment. */
  public static String text(Object cell) {
    return switch (cell) {
      case Double d -> NumberText.of(d);
      case Float f -> NumberText.of(f);
      default -> cell.toString();
    };
  }

  /** Whether a comparison whose {@code compareTo} gave {@code c} holds for {@code op}. */
  public static boolean holds(CompareOp op, int c) {
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }
}
