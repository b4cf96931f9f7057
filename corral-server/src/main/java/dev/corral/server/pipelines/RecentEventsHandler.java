package dev.corral.server.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live preview's samples, for admin keys only (the routes are {@code Route.admin}: the events are
 * not redacted):
 * <ul>
 *   <li>{@code GET /api/v1/inputs/recent} → {@code {"capacity": N, "inputs": [{"input", "events", "bytes"}]}}, the
 *       inputs that received events since start;
 *   <li>{@code GET /api/v1/inputs/recent/{input}[?limit=N]} → {@code {"input", "events": [...]}}, its last events
 *       (oldest first) as ingest decoded them, before any pipeline; 404 for an input that received none.
 * </ul>
 * A key restricted to some services is refused (403) even if it were an admin's: these events are every service's.
 */
final class RecentEventsHandler implements Handler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecentEvents recent;

  RecentEventsHandler(RecentEvents recent) {
    this.recent = recent;
  }

  @Override
  public Response handle(Request request) throws IOException, HttpError {
    if (request.principal().readRestriction().isPresent()) {
      throw new HttpError(403, "the recent events of inputs are every service's, unredacted: a key restricted to "
          + "some services cannot read them");
    }
    String input = request.pathTail();
    if (input.isEmpty()) {
      return Response.json(200, Json.bytes(list()));
    }
    int limit = limit(request);
    List<LogEvent> events = recent.last(input, limit);
    if (events.isEmpty()) {
      throw new HttpError(404, "no recent events of input '" + input + "'"
          + (recent.capacity() == 0 ? ": pipelines.preview_events is 0, none are kept"
              : "; inputs with recent events: " + recent.inputs().keySet()));
    }
    List<Object> json = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      json.add(JSON.readTree(CanonicalJson.toBytes(event)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", input);
    body.put("events", json);
    return Response.json(200, Json.bytes(body));
  }

  private Map<String, Object> list() {
    List<Map<String, Object>> inputs = new ArrayList<>();
    recent.inputs().forEach((name, size) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("input", name);
      one.put("events", size[0]);
      one.put("bytes", size[1]);
      inputs.add(one);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("capacity", recent.capacity());
    body.put("inputs", inputs);
    return body;
  }

  private int limit(Request request) throws HttpError {
    String text = request.param("limit", String.valueOf(Math.max(1, recent.capacity())));
    try {
      int limit = Integer.parseInt(text.trim());
      if (limit < 1 || limit > Math.max(1, recent.capacity())) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new HttpError(400, "limit '" + text + "' must be a whole number from 1 to " + Math.max(1, recent.capacity())
          + " (pipelines.preview_events)");
    }
  }
}
