package dev.corral.server.http;

import dev.corral.server.Readiness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health} (liveness: the process answers; 200 with {@code "status":"ok"}, or
 * {@code "degraded"} and the reason while writes are refused, see {@link Readiness}) and
 * {@code GET /ready} (WAL recovered, store open and taking writes; 503 with the phase or reason
 * otherwise).
 */
public final class HealthHandlers {
  private HealthHandlers() {}

  public static Handler health(Readiness readiness) {
    return request -> {
      Optional<String> degraded = readiness.degradedReason();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", degraded.isPresent() ? "degraded" : "ok");
      degraded.ifPresent(reason -> body.put("reason", reason));
      return Response.json(200, Json.bytes(body));
    };
  }

  public static Handler ready(Readiness readiness) {
    return request -> {
      Optional<String> degraded = readiness.isReady() ? readiness.degradedReason() : Optional.empty();
      boolean ready = readiness.isReady() && degraded.isEmpty();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ready", ready);
      body.put("phase", degraded.isPresent() ? "degraded" : readiness.phase());
      degraded.ifPresent(reason -> body.put("reason", reason));
      return Response.json(ready ? 200 : 503, Json.bytes(body));
    };
  }
}
