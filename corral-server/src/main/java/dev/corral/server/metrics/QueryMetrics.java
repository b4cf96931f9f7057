package dev.corral.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the query service records: the latency of each query that ran, by lane ({@code normal},
 * {@code expensive}, or a background lane such as {@code alerts}) and by {@link QueryKind}, from the moment it was handed to its lane (queue wait included) until its
 * result or failure; and the queries refused before running, by reason. Thread-safe.
 */
public final class QueryMetrics {
  /**
   * Seconds: a cached search answers in about a millisecond, the default {@code search.timeout} is
   * 30 s; buckets roughly ×2.5 apart cover both ends with 12 series per lane.
   */
  private static final double[] LATENCY_BUCKETS =
      {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final Histogram latency;
  private final Counter refused;

  /** Registers the query metrics in {@code registry}. */
  public QueryMetrics(PrometheusRegistry registry) {
    latency = Histogram.builder().name("corral_query_duration_seconds")
        .help("Time from handing a query to its lane until it finished (queue wait included), by lane and kind")
        .labelNames("lane", "kind").classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    refused = Counter.builder().name("corral_query_refused_total")
        .help("Queries refused before running, by reason (busy: lane and its line full; too_costly: above search.max_query_cost)")
        .labelNames("reason").register(registry);
  }

  /** A query of {@code kind} in {@code lane} finished (answered or failed) after {@code nanos}. */
  public void ran(String lane, QueryKind kind, long nanos) {
    latency.labelValues(lane, kind.label()).observe(nanos / 1e9);
  }

  /** A query was refused before running; {@code reason} is {@code busy} or {@code too_costly}. */
  public void refused(String reason) {
    refused.labelValues(reason).inc();
  }
}
