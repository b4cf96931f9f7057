/**
 * Corral's Prometheus metrics: one {@link io.prometheus.metrics.model.registry.PrometheusRegistry}
 * made by the server, into which each service registers what it records ({@link IngestMetrics},
 * {@link QueryMetrics}, labelled by small closed sets: {@link RefusalReason}, {@link QueryKind}) and
 * the gauges read from counters it already keeps (each service's {@code registerMetrics}); the JVM
 * and process metrics come from one registry per JVM ({@link RuntimeMetrics}). The status service exposes the registry at {@code GET /metrics}; docs/metrics.md
 * lists every metric. Recording is a counter increment or a histogram observation per request, never
 * per event, so the ingest path pays nothing measurable.
 */
package dev.corral.server.metrics;
