package dev.corral.query.table;

import java.util.List;

/**
 * How a {@code fields} table types a column from the values events hold, and writes each cell:
 * LONG when every value is a whole number (within ±2^53, where doubles are exact), DOUBLE when all
 * are numbers, STRING otherwise (numbers then written as {@link WhereComparison#text}). Shared by
 * the store and the in-memory evaluator so both build the same tables.
 */
public final class ColumnTypes {
  /** Doubles hold every whole number up to 2^53 exactly; beyond it they are not "whole" reliably. */
  private static final double EXACT_INTEGER_LIMIT = 0x1p53;

  private ColumnTypes() {}

  /** The type of a column holding {@code values} (nulls are ignored; all null is STRING). */
  public static ColumnType of(List<Object> values) {
    boolean any = false;
    boolean whole = true;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      any = true;
      if (!(value instanceof Number number)) {
        return ColumnType.STRING;
      }
      whole &= number instanceof Long || isWhole(number.doubleValue());
    }
    return !any ? ColumnType.STRING : whole ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  /** A value as a cell of a column of {@code type}; null stays null. */
  public static Object cell(Object value, ColumnType type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case TIMESTAMP, LONG -> ((Number) value).longValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case STRING -> WhereComparison.text(value);
    };
  }

  private static boolean isWhole(double d) {
    return d == Math.rint(d) && Math.abs(d) <= EXACT_INTEGER_LIMIT;
  }
}
