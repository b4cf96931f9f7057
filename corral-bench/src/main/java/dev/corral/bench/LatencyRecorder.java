package dev.corral.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency samples of one query kept in fixed memory however many there are (an HdrHistogram of
 * microseconds with 3 significant digits, so a percentile is within 0.1% of the sample it stands for):
 * the mixed phase runs queries for as long as ingest lasts, minutes at 30M events. Not thread-safe.
 */
public final class LatencyRecorder {
  /** Significant decimal digits the histogram keeps: 0.1% error, about 100 KB at the range below. */
  private static final int SIGNIFICANT_DIGITS = 3;
  /** Longest latency recorded exactly: an hour in microseconds; longer ones count as an hour. */
  private static final long MAX_MICROS = 3_600_000_000L;
  private static final double MICROS_PER_MILLI = 1_000.0;

  private final Histogram micros = new Histogram(MAX_MICROS, SIGNIFICANT_DIGITS);

  /** Records one latency in milliseconds; a negative one (a peer that reported none) is not recorded. */
  public void record(double millis) {
    if (millis >= 0) {
      micros.recordValue(Math.min(MAX_MICROS, Math.round(millis * MICROS_PER_MILLI)));
    }
  }

  /** The p50 and p99 of what was recorded; {@link LatencySummary#NONE} when nothing was. */
  public LatencySummary summary() {
    long count = micros.getTotalCount();
    if (count == 0) {
      return LatencySummary.NONE;
    }
    return new LatencySummary(micros.getValueAtPercentile(50) / MICROS_PER_MILLI,
        micros.getValueAtPercentile(99) / MICROS_PER_MILLI, (int) Math.min(Integer.MAX_VALUE, count));
  }
}
