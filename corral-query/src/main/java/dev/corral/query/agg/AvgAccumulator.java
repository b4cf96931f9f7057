package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * {@code avg(f)}: the mean of the numeric values; text is ignored. The sum is compensated as in
 * {@link SumAccumulator}. Result: a Double, or null when there were no values.
 */
public final class AvgAccumulator implements Accumulator {
  private final CompensatedSum sum = new CompensatedSum();
  private long count;

  @Override
  public void addEvent() {}

  @Override
  public void addNumber(double value) {
    sum.add(value);
    count++;
  }

  @Override
  public void addText(String value) {}

  @Override
  public void merge(Accumulator other) {
    AvgAccumulator o = Accumulators.same(AvgAccumulator.class, other);
    sum.add(o.sum);
    count += o.count;
  }

  @Override
  public Object result() {
    return count == 0 ? null : sum.value() / count;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public long estimatedBytes() {
    return 56;
  }
}
