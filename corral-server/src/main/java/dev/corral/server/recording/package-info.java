/**
 * Log-derived metrics (recording rules): a stats query evaluated on a schedule whose result rows
 * are exported on {@code GET /metrics} as Prometheus gauges or counters, the query's {@code by}
 * columns as labels. One YAML file per rule under {@code recording.dir}, reloaded without restart
 * ({@link RuleDirectory}); evaluated by {@link RecordingScheduler} through the server's query
 * service as an internal principal; exported by {@link RecordedMetrics}; listed at
 * {@code GET /api/v1/recording}. Depends on {@code search}, {@code http}, {@code service} and
 * {@code auth}; nothing imports it but the server's wiring.
 */
package dev.corral.server.recording;
