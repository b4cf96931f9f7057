package dev.corral.server.archive;

import dev.corral.server.http.Handler;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/archive/days} (read): {@code {"enabled","url","days":[{"day","tier","local",
 * "events","bytes","generation","archived_at"}]}}, oldest first; {@code tier} is {@code archive}
 * once only the bucket holds the day. A key whose reads are restricted to some services gets {@code
 * day} and {@code tier} only: counts and sizes are of every service's events (as in the stats).
 */
final class ArchiveDaysHandler implements Handler {
  private final ArchiveService archive;

  ArchiveDaysHandler(ArchiveService archive) {
    this.archive = archive;
  }

  @Override
  public Response handle(Request request) {
    List<Map<String, Object>> days = archive.days();
    if (request.principal().readRestriction().isPresent()) {
      days = days.stream().map(ArchiveDaysHandler::dayAndTier).toList();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("enabled", archive.enabled());
    json.put("days", days);
    return Response.json(200, Json.bytes(json));
  }

  private static Map<String, Object> dayAndTier(Map<String, Object> day) {
    Map<String, Object> visible = new LinkedHashMap<>();
    visible.put("day", day.get("day"));
    visible.put("tier", day.get("tier"));
    return visible;
  }
}
