package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * The running state of one aggregation for one group. Not thread-safe: one per group per
 * thread; combine per-thread or per-partition states with {@link #merge}.
 */
public interface Accumulator {
  /** Counts one matching event; fed once per event only for {@code count()} without a field. */
  void addEvent();

  /** Adds a numeric value of the field (fed once per value the event has; absent fields feed nothing). */
  void addNumber(double value);

  /** Adds a text value of the field (count_distinct and count(f) use it; numeric functions ignore it). */
  void addText(String value);

  /**
   * Folds another accumulator of the same aggregation into this one; {@code other} is not changed.
   * Merging is associative and commutative: exactly for count, min and max; within floating-point
   * rounding for sum and avg; within the documented error for the sketches (percentile, distinct).
   *
   * @throws IllegalArgumentException when {@code other} computes a different function
   */
  void merge(Accumulator other);

  /** The result cell: Long, Double, or null when there was nothing to aggregate. */
  Object result();

  /** The type of {@link #result()}. */
  ColumnType resultType();

  /** Rough bytes held, for the per-query memory bound. */
  long estimatedBytes();
}
