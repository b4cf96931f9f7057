package dev.corral.server.status;

import dev.corral.server.http.Handler;
import dev.corral.server.http.Json;
import dev.corral.server.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /health} (liveness: the process answers; 200 with {@code "status":"ok"}, or
 * {@code "degraded"} and the reason while a service cannot do its work, see {@link Readiness}) and
 * {@code GET /ready} (started: WAL recovered, store open and taking writes; 503 with the phase or
 * reason otherwise).
 */
final class HealthHandlers {
  private HealthHandlers() {}

  /** @param degraded why a service cannot do its work now, if one cannot */
  static Handler health(Supplier<Optional<String>> degraded) {
    return request -> {
      Optional<String> reason = degraded.get();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", reason.isPresent() ? "degraded" : "ok");
      reason.ifPresent(text -> body.put("reason", text));
      return Response.json(200, Json.bytes(body));
    };
  }

  static Handler ready(Readiness readiness, Supplier<Optional<String>> degraded) {
    return request -> {
      Optional<String> reason = readiness.isReady() ? degraded.get() : Optional.empty();
      boolean ready = readiness.isReady() && reason.isEmpty();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ready", ready);
      body.put("phase", reason.isPresent() ? "degraded" : readiness.phase());
      reason.ifPresent(text -> body.put("reason", text));
      return Response.json(ready ? 200 : 503, Json.bytes(body));
    };
  }
}
