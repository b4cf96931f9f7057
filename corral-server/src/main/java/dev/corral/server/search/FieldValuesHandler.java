package dev.corral.server.search;

import dev.corral.server.http.Response;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/fields/{name}/values?q=&from=&to=&prefix=&limit=10}: the exact most frequent
 * values of one field over the whole range among the events the filter matches, optionally only
 * those starting with {@code prefix} (any case) — autocompletion of {@code field:value}. A field no
 * event has, or a full-text one, answers 200 with no values and a {@code warning}.
 */
public final class FieldValuesHandler implements Handler {
  private static final String SUFFIX = "/values";
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 1000;

  private final TopValues topValues;

  public FieldValuesHandler(TopValues topValues) {
    this.topValues = topValues;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    String tail = request.pathTail();
    if (!tail.endsWith(SUFFIX) || tail.length() == SUFFIX.length()) {
      throw new HttpError(404, "no such endpoint: " + request.path() + "; use /api/v1/fields/{name}/values");
    }
    String field = tail.substring(0, tail.length() - SUFFIX.length());
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String prefix = request.query().getOrDefault("prefix", "");
    TopValues.Answer answer = QueryFailures.answer(() -> topValues.of(request.principal(), field,
        FilterText.parse(request.param("q", "")), request.param("from", null), request.param("to", null), prefix, limit, Instant.now()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", field);
    json.put("values", FieldsHandler.valuesJson(answer.values()));
    if (answer.warning() != null) {
      json.put("warning", answer.warning());
    }
    json.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    return Response.json(200, Json.bytes(json));
  }
}
