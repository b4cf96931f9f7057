package dev.corral.server.service;

import dev.corral.server.http.Route;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One part of the running server (the store, the WAL, the query service, an input, ...). The server
 * holds its services in dependency order, starts them in that order and stops them in reverse
 * ({@link Services}); a service may use what comes before it and never what comes after.
 *
 * <p>Contract: {@link #start()} is called once, before any route of the service is served;
 * {@link #close()} is called once, also after a failed or skipped start, and must release whatever
 * was acquired. Everything else may be called from any thread at any time after construction.
 */
public interface Service extends AutoCloseable {
  /** A short stable name for logs, stats and metrics, e.g. {@code store} or {@code syslog-tcp}. */
  String name();

  /** Starts the service; once it returns, its routes may be served. */
  default void start() throws IOException {}

  /** Why the service cannot do its work now, if it cannot (shown by {@code /ready} and {@code /health}). */
  default Optional<String> degradedReason() {
    return Optional.empty();
  }

  /** The HTTP routes this service answers; read once, after construction. */
  default List<Route> routes() {
    return List.of();
  }

  /** This service's section of {@code GET /api/v1/stats} (JSON-ready values), empty for none. */
  default Map<String, Object> stats() {
    return Map.of();
  }

  /** Registers this service's metrics; called once, before {@link #start()}. */
  default void registerMetrics(PrometheusRegistry registry) {}

  /** Stops the service and releases what it holds; idempotent. */
  @Override
  default void close() throws IOException {}
}
