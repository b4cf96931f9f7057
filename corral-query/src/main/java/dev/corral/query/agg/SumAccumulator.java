package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * {@code sum(f)}: the sum of the numeric values; text is ignored. Exact for integers up to
 * 2<sup>53</sup>; otherwise compensated summation keeps results from different merge orders within
 * a few ulps of each other (compare with a relative tolerance). Result: a Double, 0.0 when there
 * were no values.
 */
public final class SumAccumulator implements Accumulator {
  private final CompensatedSum sum = new CompensatedSum();

  @Override
  public void addEvent() {}

  @Override
  public void addNumber(double value) {
    sum.add(value);
  }

  @Override
  public void addText(String value) {}

  @Override
  public void merge(Accumulator other) {
    sum.add(Accumulators.same(SumAccumulator.class, other).sum);
  }

  @Override
  public Object result() {
    return sum.value();
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public long estimatedBytes() {
    return 48;
  }
}
