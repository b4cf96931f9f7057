package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * {@code min(f)}: the smallest numeric value; text is ignored. Exact. Result: a Double, or null
 * when there were no values.
 */
public final class MinAccumulator implements Accumulator {
  private boolean any;
  private double value;

  @Override
  public void addEvent() {}

  @Override
  public void addNumber(double number) {
    if (!any || number < value) {
      value = number;
      any = true;
    }
  }

  @Override
  public void addText(String text) {}

  @Override
  public void merge(Accumulator other) {
    MinAccumulator o = Accumulators.same(MinAccumulator.class, other);
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
