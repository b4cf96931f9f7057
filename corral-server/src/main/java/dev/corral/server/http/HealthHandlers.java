package dev.corral.server.http;

import dev.corral.server.Readiness;
import java.util.Map;

/** {@code GET /health} (liveness: the process answers) and {@code GET /ready} (WAL recovered, store open). */
public final class HealthHandlers {
  private HealthHandlers() {}

  public static Handler health() {
    return request -> Response.json(200, Json.bytes(Map.of("status", "ok")));
  }

  public static Handler ready(Readiness readiness) {
    return request -> Response.json(readiness.isReady() ? 200 : 503,
        Json.bytes(Map.of("ready", readiness.isReady(), "phase", readiness.phase())));
  }
}
