package dev.corral.query.table;

import java.util.Comparator;

/**
 * The order of non-null cell and field values, shared by {@code sort} on events and on tables:
 * numbers (Long, Double) first, compared numerically (a Long against a Long exactly, otherwise as
 * doubles, with -0.0 equal to 0.0), then text (String, and Boolean as {@code "true"}/{@code
 * "false"}) compared with {@link String#compareTo} (UTF-16 code units). Callers place nulls
 * themselves: always last, whatever the direction. Stateless and thread-safe.
 */
public final class ValueOrder {
  /** The ascending order of non-null values. */
  public static final Comparator<Object> ASCENDING = ValueOrder::compare;

  private ValueOrder() {}

  /** Compares two non-null values. */
  public static int compare(Object a, Object b) {
    boolean aNumber = a instanceof Number;
    boolean bNumber = b instanceof Number;
    if (aNumber && bNumber) {
      return compareNumbers((Number) a, (Number) b);
    }
    if (aNumber != bNumber) {
      return aNumber ? -1 : 1;
    }
    return a.toString().compareTo(b.toString());
  }

  /** Numeric comparison: exact for two Longs, otherwise as doubles with -0.0 == 0.0. */
  public static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /**
   * A comparator of possibly-null values: {@code ascending} or descending by {@link #compare},
   * nulls last in both directions.
   */
  public static Comparator<Object> nullsLast(boolean descending) {
    Comparator<Object> order = descending ? ASCENDING.reversed() : ASCENDING;
    return Comparator.nullsLast(order);
  }
}
