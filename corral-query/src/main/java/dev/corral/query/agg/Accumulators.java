package dev.corral.query.agg;

import dev.corral.query.plan.Aggregation;

/**
 * Creates the {@link Accumulator} of an {@link Aggregation}. Thread-safe; every call returns a
 * new, empty accumulator.
 *
 * <p>Feeding rules, identical for the store (from doc values) and the in-memory evaluator (from
 * events), per event of a group:
 *
 * <ul>
 *   <li>{@code count()} (no field): call {@link Accumulator#addEvent()} once;
 *   <li>any aggregation with a field: the field's value, when the event has one, through {@link
 *       Accumulator#addNumber} (a long or double value, as a double) or {@link
 *       Accumulator#addText} (a string, or a boolean as {@code "true"}/{@code "false"});
 *       {@code addEvent} is not called.
 * </ul>
 *
 * <p>Accumulators ignore what does not concern them, so feeding both kinds of call is harmless:
 * {@code count()} ignores values, {@code count(f)} ignores {@code addEvent}, numeric functions
 * ignore text.
 */
public final class Accumulators {
  private Accumulators() {}

  /** A new, empty accumulator for {@code aggregation}. */
  public static Accumulator create(Aggregation aggregation) {
    return switch (aggregation.function()) {
      case COUNT -> new CountAccumulator(aggregation.field() == null);
      case COUNT_DISTINCT -> new CountDistinctAccumulator();
      case SUM -> new SumAccumulator();
      case AVG -> new AvgAccumulator();
      case MIN -> ExtremeAccumulator.min();
      case MAX -> ExtremeAccumulator.max();
      case PERCENTILE -> new PercentileAccumulator(aggregation.quantile());
    };
  }

  /** Casts {@code other} for {@link Accumulator#merge}, or says which kinds were mixed. */
  static <T extends Accumulator> T same(Class<T> type, Accumulator other) {
    if (!type.isInstance(other)) {
      throw new IllegalArgumentException("cannot merge " + (other == null ? "null" : other.getClass().getSimpleName())
          + " into " + type.getSimpleName());
    }
    return type.cast(other);
  }
}
