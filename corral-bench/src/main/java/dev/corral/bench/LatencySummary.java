package dev.corral.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of latency samples in milliseconds, by the nearest-rank method (the p-th
 * percentile is the smallest sample with at least p% of the samples at or below it).
 *
 * @param p50 median
 * @param p99 99th percentile; with fewer than 100 samples this is the maximum
 * @param samples how many samples
 */
public record LatencySummary(double p50, double p99, int samples) {
  /** A query the peer cannot answer: no samples, percentiles NaN (shown as n/a). */
  public static final LatencySummary NONE = new LatencySummary(Double.NaN, Double.NaN, 0);

  /** Summarizes samples; the array is not modified. */
  public static LatencySummary of(double[] millis) {
    if (millis.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new LatencySummary(percentile(sorted, 50), percentile(sorted, 99), sorted.length);
  }

  /** Nearest-rank percentile of sorted samples, {@code 0 < p <= 100}. */
  static double percentile(double[] sorted, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile (" + p + ") must be in (0, 100]");
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
