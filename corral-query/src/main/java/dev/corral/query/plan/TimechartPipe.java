package dev.corral.query.plan;

import java.time.Duration;
import java.util.List;

/**
 * {@code | timechart [span=1m] agg[, agg…] [by f]}: one row per time bucket (and per value of
 * {@code by}). Columns: {@code timestamp} (bucket start), then {@code by} if given, then the
 * aggregations ("long" format; a UI pivots it into series).
 *
 * @param span bucket width, or null to choose one giving about 100 buckets over the time range
 * @param by the split field, or null
 */
public record TimechartPipe(Duration span, List<Aggregation> aggregations, String by) implements Pipe {
  public TimechartPipe {
    aggregations = List.copyOf(aggregations);
    if (aggregations.isEmpty()) {
      throw new IllegalArgumentException("timechart needs at least one aggregation");
    }
    if (span != null && (span.isZero() || span.isNegative())) {
      throw new IllegalArgumentException("timechart span must be positive, got " + span);
    }
  }

  @Override
  public boolean aggregates() {
    return true;
  }
}
