package dev.corral.server.dashboards;

import dev.corral.server.http.Response;
import dev.corral.server.http.HttpError;
import dev.corral.server.search.QueryFailures;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import dev.corral.query.QuerySyntaxException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved dashboards ({@link DashboardStore}):
 * <ul>
 *   <li>{@code GET /api/v1/dashboards} → {@code {"dashboards":[{"id","title","builtin","modified"}]}}
 *       (plus {@code "error"} for a saved file that no longer reads);
 *   <li>{@code GET /api/v1/dashboards/{id}} → the definition with {@code "builtin"} and {@code "modified"};
 *   <li>{@code PUT /api/v1/dashboards/{id}} with a definition → 200 with it as stored; 400 naming
 *       the {@code field} (and {@code position} and {@code caret} for a panel query that does not
 *       parse); 413 over {@value DashboardJson#MAX_BODY_BYTES} bytes;
 *   <li>{@code DELETE /api/v1/dashboards/{id}} → 204; 409 for a built-in (an override is
 *       deleted, which restores the built-in).
 * </ul>
 * An id that is not {@code [a-z0-9][a-z0-9-]{0,63}} is a 400; an unknown one a 404.
 */
public final class DashboardsHandler implements Handler {
  private final DashboardStore store;

  public DashboardsHandler(DashboardStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String id = request.pathTail();
    if (id.isEmpty()) {
      return list();
    }
    if (!Dashboard.isValidId(id)) {
      throw new HttpError(400, "dashboard id '" + id + "' must be 1 to 64 lowercase letters, digits and dashes, "
          + "starting with a letter or digit");
    }
    return switch (request.method()) {
      case "PUT" -> put(id, request);
      case "DELETE" -> delete(id);
      default -> get(id);
    };
  }

  private Response list() throws IOException {
    List<Map<String, Object>> dashboards = new ArrayList<>();
    for (DashboardStore.Entry entry : store.list()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", entry.id());
      one.put("title", entry.dashboard() == null ? entry.id() : entry.dashboard().title());
      one.put("builtin", entry.builtin());
      one.put("modified", entry.modified());
      if (entry.error() != null) {
        one.put("error", entry.error());
      }
      dashboards.add(one);
    }
    return Response.json(200, Json.bytes(Map.of("dashboards", dashboards)));
  }

  private Response get(String id) throws IOException, HttpError {
    DashboardStore.Entry entry = store.get(id)
        .orElseThrow(() -> new HttpError(404, "no dashboard '" + id + "'; GET /api/v1/dashboards lists them"));
    if (entry.error() != null) {
      throw new HttpError(500, entry.error() + "; save it again (PUT) or delete it");
    }
    return Response.json(200, Json.bytes(json(entry)));
  }

  private Response put(String id, Request request) throws IOException, HttpError {
    byte[] body = request.body().readNBytes(DashboardJson.MAX_BODY_BYTES + 1);
    if (body.length > DashboardJson.MAX_BODY_BYTES) {
      throw new HttpError(413, "dashboard definition is over the limit of " + DashboardJson.MAX_BODY_BYTES + " bytes");
    }
    Dashboard dashboard;
    try {
      dashboard = DashboardJson.parse(body, id);
    } catch (InvalidDashboardException e) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("field", e.field());
      QuerySyntaxException syntax = e.syntax();
      if (syntax != null) {
        QueryFailures.syntaxDetails(syntax, details);
      }
      throw new HttpError(400, "invalid dashboard: " + e.getMessage(), Map.of(), details);
    }
    try {
      return Response.json(200, Json.bytes(json(store.put(dashboard))));
    } catch (DashboardStore.Refused e) {
      throw new HttpError(409, e.getMessage());
    }
  }

  private Response delete(String id) throws IOException, HttpError {
    try {
      if (!store.delete(id)) {
        throw new HttpError(404, "no dashboard '" + id + "'");
      }
    } catch (DashboardStore.Refused e) {
      throw new HttpError(409, e.getMessage());
    }
    return Response.empty(204, Map.of());
  }

  private static Map<String, Object> json(DashboardStore.Entry entry) {
    Map<String, Object> json = DashboardJson.toMap(entry.dashboard());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", json.remove("id"));
    answer.put("title", json.remove("title"));
    answer.put("builtin", entry.builtin());
    answer.put("modified", entry.modified());
    answer.putAll(json);
    return answer;
  }
}
