package dev.corral.server;

import dev.corral.server.config.RateLimitSection;
import dev.corral.server.ingest.IngestRateLimits;
import dev.corral.server.limits.QueryRateLimits;
import dev.corral.server.service.Service;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate limits' state: each key's events per second ({@link IngestRateLimits}, used by ingest),
 * each service's ingest quota (the same), each key's queries per minute ({@link QueryRateLimits},
 * used by the HTTP API). Built with its configuration, before ingest and HTTP. Owns the metrics
 * {@code corral_rate_limited_requests_total{kind=key_events|key_queries|service}} and
 * {@code corral_rate_limit_buckets{kind=…}} and the stats entry {@code rate_limits}.
 */
final class RateLimitStage implements Service {
  private final RateLimitSection config;
  private final IngestRateLimits ingest;
  private final QueryRateLimits queries;

  RateLimitStage(RateLimitSection config) {
    this.config = config;
    this.ingest = IngestRateLimits.of(config.serviceQuotas());
    this.queries = QueryRateLimits.bounded();
  }

  @Override
  public String name() {
    return "rate-limits";
  }

  /** The per-key events per second and the per-service quotas, which the ingest sink applies. */
  IngestRateLimits ingest() {
    return ingest;
  }

  /** The per-key queries per minute, which the HTTP API applies to read routes. */
  QueryRateLimits queries() {
    return queries;
  }

  @Override
  public void registerMetrics(PrometheusRegistry registry) {
    CounterWithCallback.builder().name("corral_rate_limited_requests_total")
        .help("Requests refused with 429 for a rate limit, by kind: key_events (a key's events/s), key_queries "
            + "(a key's queries/min), service (a service's ingest quota)")
        .labelNames("kind")
        .callback(callback -> {
          callback.call(ingest.keyLimited(), "key_events");
          callback.call(queries.limited(), "key_queries");
          callback.call(ingest.serviceLimited(), "service");
        }).register(registry);
    GaugeWithCallback.builder().name("corral_rate_limit_buckets")
        .help("Token buckets kept now, by kind; each kind is bounded, the least recently used forgotten")
        .labelNames("kind")
        .callback(callback -> {
          callback.call(ingest.trackedKeys(), "key_events");
          callback.call(queries.tracked(), "key_queries");
          callback.call(ingest.trackedServices(), "service");
        }).register(registry);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> limited = new LinkedHashMap<>();
    limited.put("key_events", ingest.keyLimited());
    limited.put("key_queries", queries.limited());
    limited.put("service", ingest.serviceLimited());
    Map<String, Object> buckets = new LinkedHashMap<>();
    buckets.put("key_events", ingest.trackedKeys());
    buckets.put("key_queries", queries.tracked());
    buckets.put("service", ingest.trackedServices());
    buckets.put("max_services", IngestRateLimits.MAX_TRACKED_SERVICES);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("limited_requests", limited);
    json.put("buckets", buckets);
    json.put("key_events_per_second_default", config.keyDefaults().eventsPerSecond());
    json.put("key_queries_per_minute_default", config.keyDefaults().queriesPerMinute());
    json.put("service_quotas", config.serviceQuotas().quotas().size());
    return Map.of("rate_limits", json);
  }
}
