package dev.corral.query.plan;

/** The aggregation functions of {@code stats} and {@code timechart}. */
public enum AggFunction {
  /** {@code count()}: matching events (or, with a field, events that have it). */
  COUNT,
  /** {@code count_distinct(f)}: distinct values, estimated with a HyperLogLog sketch. */
  COUNT_DISTINCT,
  SUM,
  AVG,
  MIN,
  MAX,
  /** {@code p50(f)} … {@code p99(f)}, {@code percentile(f, q)}: estimated with a KLL sketch. */
  PERCENTILE
}
