package dev.corral.query.agg;

import dev.corral.query.table.ColumnType;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * {@code p50(f)} … {@code p99(f)}, {@code percentile(f, q)}: the q-quantile of the numeric values
 * (text is ignored), estimated with an Apache DataSketches KLL sketch of {@link #K}.
 *
 * <p>Definition: the smallest retained value v such that the fraction of values ≤ v is at least
 * q (inclusive nearest rank; no interpolation). So with values 1, 2, 3, 4 the median is 2, q = 0
 * gives the minimum and q = 1 the maximum.
 *
 * <p>Error: exact while a group has at most {@value #K} values; beyond that the returned value's
 * true rank is within <b>1.65%</b> of q with 99% confidence ({@link #normalizedRankError()}, the
 * bound DataSketches gives for k = 200 over the whole distribution; one quantile alone is tighter,
 * about 1.33%). The error is in rank, not in value. KLL compaction is randomized, so merges are
 * associative only within that bound (exactly while the merged groups hold at most {@value #K}
 * values in all), and merged and single-pass results may differ within it. Result: a Double, or
 * null when there were no values.
 */
public final class PercentileAccumulator implements Accumulator {
  /** KLL accuracy parameter: DataSketches' default, ~1.65% rank error in a few KiB per group. */
  public static final int K = 200;

  private final double quantile;
  private final KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);

  /** @param quantile in [0, 1] */
  public PercentileAccumulator(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
    }
    this.quantile = quantile;
  }

  /**
   * The documented rank error bound at 99% confidence for {@link #K}: about 0.0165 ({@code
   * KllDoublesSketch.getNormalizedRankError(K, true)}, which holds for every quantile at once).
   */
  public static double normalizedRankError() {
    return KllDoublesSketch.getNormalizedRankError(K, true);
  }

  @Override
  public void addEvent() {}

  @Override
  public void addNumber(double value) {
    sketch.update(value);
  }

  @Override
  public void addText(String value) {}

  @Override
  public void merge(Accumulator other) {
    sketch.merge(Accumulators.same(PercentileAccumulator.class, other).sketch);
  }

  @Override
  public Object result() {
    return sketch.isEmpty() ? null : sketch.getQuantile(quantile);
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public long estimatedBytes() {
    return 64L + 8L * sketch.getNumRetained();
  }
}
