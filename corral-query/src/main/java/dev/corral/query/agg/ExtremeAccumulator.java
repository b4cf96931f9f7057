package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * {@code min(f)} or {@code max(f)}: the smallest or largest numeric value; text is ignored. Exact.
 * Result: a Double, or null when there were no values.
 */
public final class ExtremeAccumulator implements Accumulator {
  private final boolean max;
  private boolean any;
  private double value;

  private ExtremeAccumulator(boolean max) {
    this.max = max;
  }

  /** {@code min(f)}. */
  public static ExtremeAccumulator min() {
    return new ExtremeAccumulator(false);
  }

  /** {@code max(f)}. */
  public static ExtremeAccumulator max() {
    return new ExtremeAccumulator(true);
  }

  @Override
  public void addEvent() {}

  @Override
  public void addNumber(double number) {
    if (!any || (max ? number > value : number < value)) {
      value = number;
      any = true;
    }
  }

  @Override
  public void addText(String text) {}

  @Override
  public void merge(Accumulator other) {
    ExtremeAccumulator o = Accumulators.same(ExtremeAccumulator.class, other);
    if (o.max != max) {
      throw new IllegalArgumentException("cannot merge " + (o.max ? "max" : "min") + " into " + (max ? "max" : "min"));
    }
    if (o.any) {
      addNumber(o.value);
    }
  }

  @Override
  public Object result() {
    return any ? value : null;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public long estimatedBytes() {
    return 32;
  }
}
