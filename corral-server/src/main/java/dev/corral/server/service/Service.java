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
 * <p>Contract: {@link #registerMetrics} is called once, before any service starts; {@link #start()}
 * is called once, after every service before it has started; {@link #close()} is called once, also
 * after a failed or skipped start, and must release whatever was acquired (so it must cope with a
 * service that never started). {@link #routes()} is read once, when the HTTP service starts: after
 * the services before it have started and before those after it, whose handlers must therefore not
 * need their own start. {@link #stats()} and {@link #degradedReason()} may be called from any thread
 * once the HTTP service has started.
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

  /** The HTTP routes this service answers; read once, when the HTTP service starts (see above). */
  default List<Route> routes() {
    return List.of();
  }

  /**
   * This service's top-level entries of {@code GET /api/v1/stats} (JSON-ready values: maps, lists,
   * numbers, strings, null), empty for none. Cheap: read on every stats request.
   */
  default Map<String, Object> stats() {
    return Map.of();
  }

  /** Registers this service's metrics; called once, before {@link #start()}. */
  default void registerMetrics(PrometheusRegistry registry) {}

  /** Stops the service and releases what it holds; idempotent. */
  @Override
  default void close() throws IOException {}
}
