package dev.corral.server.alerts.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The silences and maintenance windows ({@link SilenceJson} is their form):
 * <ul>
 *   <li>{@code GET /api/v1/alerts/silences} → {@code {"silences": [{…, "kind": "silence|maintenance",
 *       "status": "pending|active|expired"}]}} (read);
 *   <li>{@code POST /api/v1/alerts/silences} with one → 201 with it as stored, its {@code id} and
 *       {@code created_by} (the key's name) added (admin); 400 naming the {@code field} for a bad
 *       matcher, a bad or too complex regex, an expiry not in the future, a missing field; 413 over
 *       {@value #MAX_BODY_BYTES} bytes;
 *   <li>{@code DELETE /api/v1/alerts/silences/{id}} → 204, 404 for an unknown id (admin).
 * </ul>
 */
final class SilencesHandler implements Handler {
  /** Largest request body: 16 matchers of 1 KiB each and a comment fit many times over. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Silences silences;
  private final InstantSource clock;

  SilencesHandler(Silences silences, InstantSource clock) {
    this.silences = silences;
    this.clock = clock;
  }

  @Override
  public Response handle(Request request) throws IOException, HttpError {
    return switch (request.method()) {
      case "POST" -> create(request);
      case "DELETE" -> delete(request.pathTail());
      default -> list();
    };
  }

  private Response list() throws IOException {
    Instant now = clock.instant();
    List<Object> all = new ArrayList<>();
    for (Silence silence : silences.list(now)) {
      all.add(json(silence, now));
    }
    return Response.json(200, Json.bytes(Map.of("silences", all)));
  }

  private Response create(Request request) throws IOException, HttpError {
    byte[] body = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "silence is over the limit of " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "silence is not JSON: " + e.getOriginalMessage(), Map.of(), Map.of("field", "$"));
    }
    Instant now = clock.instant();
    try {
      Silence silence = SilenceJson.parseRequest(json, UUID.randomUUID().toString(), request.principal().name(), now);
      silences.add(silence, now);
      return Response.json(201, Json.bytes(json(silence, now)));
    } catch (InvalidSilenceException e) {
      throw new HttpError(400, "invalid silence: " + e.getMessage(), Map.of(), Map.of("field", e.field()));
    }
  }

  private Response delete(String id) throws IOException, HttpError {
    if (id.isEmpty() || !silences.delete(id)) {
      throw new HttpError(404, "no silence '" + id + "'; GET /api/v1/alerts/silences lists them");
    }
    return Response.empty(204, Map.of());
  }

  private static Map<String, Object> json(Silence silence, Instant now) {
    Map<String, Object> json = SilenceJson.toMap(silence);
    json.put("kind", silence.kind());
    json.put("status", silence.status(now));
    return json;
  }
}
