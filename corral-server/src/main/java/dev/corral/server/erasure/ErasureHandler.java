package dev.corral.server.erasure;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.search.InvalidFieldException;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/delete} (docs/ui-api.md): reads an {@link ErasureRequest}, runs it and
 * answers its per-day report (200 when completed; 500 with the days done and the reason when it
 * stopped — it stays unfinished in the log and resumes at the next start). A refused request is a
 * 400 naming the field; a query that does not parse carries the position and caret. {@code GET} the
 * erasure log's newest lines ({@code ?limit=}, default {@value #DEFAULT_LIMIT}).
 */
final class ErasureHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A filter is at most a few kilobytes; the body is that and two days. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final int DEFAULT_LIMIT = 100;
  /** The log lines one answer lists at most: an audit page, not an export (the file is). */
  static final int MAX_LIMIT = 10_000;

  private final ErasureService service;

  ErasureHandler(ErasureService service) {
    this.service = service;
  }

  Response post(Request request) throws Exception {
    byte[] body = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "an erasure request is over the limit of " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new HttpError(400, "the erasure request is not JSON: " + e.getOriginalMessage());
    }
    ErasureRequest erasure;
    try {
      erasure = ErasureRequest.read(json);
    } catch (InvalidFieldException e) {
      throw new HttpError(400, "invalid erasure: " + e.getMessage(), Map.of(), e.details());
    }
    ErasureService.Result result = service.erase(erasure, request.principal().keyId(), request.principal().name());
    return Response.json(result.error() == null ? 200 : 500, Json.bytes(result.toJson()));
  }

  Response get(Request request) throws HttpError {
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    return Response.json(200, Json.bytes(Map.of("log", service.newest(limit))));
  }
}
