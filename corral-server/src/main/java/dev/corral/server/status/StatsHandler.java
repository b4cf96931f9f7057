package dev.corral.server.status;

import dev.corral.server.http.Handler;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.service.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/stats}: the server's state for operators, benchmarks and the UI's status
 * page — version and uptime, then each service's entries in start order (ingest totals and rates,
 * WAL and the store's lag behind it, indexing backlog, partitions, dead letters, queries per lane,
 * live tails, input counters, disk use, JVM heap). Cheap: no entry needs more than a count over
 * one term. A principal restricted to some services sees only the entries that count nobody's
 * events ({@link RestrictedStats}).
 */
final class StatsHandler implements Handler {
  private final Supplier<List<Service>> services;
  private final Instant started;

  /** @param services read at each request, in start order */
  StatsHandler(Supplier<List<Service>> services, Instant started) {
    this.services = services;
    this.started = started;
  }

  @Override
  public Response handle(Request request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", ServerVersion.get());
    json.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
    for (Service service : services.get()) {
      service.stats().forEach((key, value) -> {
        if (json.putIfAbsent(key, value) != null) {
          throw new IllegalStateException("BUG: stats entry " + key + " given twice, again by " + service.name());
        }
      });
    }
    Optional<String> restriction = request.principal().readRestriction();
    return Response.json(200, Json.bytes(restriction.isPresent() ? RestrictedStats.of(json, restriction.get()) : json));
  }
}
