package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;

/**
 * {@code count()} counts {@link #addEvent()} calls; {@code count(f)} counts values ({@link
 * #addNumber} and {@link #addText} calls), so events without the field are not counted. Exact.
 * Result: a Long, 0 when nothing was counted.
 */
public final class CountAccumulator implements Accumulator {
  private final boolean countsEvents;
  private long count;

  /** @param countsEvents true for {@code count()}, false for {@code count(f)} */
  public CountAccumulator(boolean countsEvents) {
    this.countsEvents = countsEvents;
  }

  @Override
  public void addEvent() {
    if (countsEvents) {
      count++;
    }
  }

  /** Counts {@code n} matching events at once, as {@code n} calls of {@link #addEvent} would. */
  public void addEvents(long n) {
    if (countsEvents) {
      count += n;
    }
  }

  @Override
  public void addNumber(double value) {
    if (!countsEvents) {
      count++;
    }
  }

  @Override
  public void addText(String value) {
    if (!countsEvents) {
      count++;
    }
  }

  @Override
  public void merge(Accumulator other) {
    count += Accumulators.same(CountAccumulator.class, other).count;
  }

  @Override
  public Object result() {
    return count;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.LONG;
  }

  @Override
  public long estimatedBytes() {
    return 24;
  }
}
