package dev.corral.server.search;

import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Response;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * {@code POST /api/v1/query} with {@code {"q": "…", "from": "…", "to": "…", "limit": N}}: events or a
 * table, with the partitions read and the time each step took (see {@link QueryResultJson}).
 */
public final class QueryHandler implements Handler {
  /** A query is text a person typed; 1 MiB is far beyond any real one. */
  static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryService queries;
  private final AuditTrail audit;

  /** @param audit where each query is recorded (who, query, range) */
  public QueryHandler(QueryService queries, AuditTrail audit) {
    this.queries = queries;
    this.audit = audit;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    JsonNode body = readBody(request.body());
    audit.record(AuditEntries.search(request, "query", text(body, "q"), text(body, "from"), text(body, "to")));
    QueryAnswer answer = QueryFailures.answer(() -> queries.query(request.principal(), text(body, "q"),
        text(body, "from"), text(body, "to"), text(body, "limit"), Instant.now()));
    return Response.json(200, QueryResultJson.encode(answer.result(), answer.warnings(), answer.archive(), (System.nanoTime() - started) / 1_000_000));
  }

  private static JsonNode readBody(InputStream in) throws HttpError, IOException {
    byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
    if (bytes.length > MAX_REQUEST_BYTES) {
      throw new HttpError(413, "query request is over " + MAX_REQUEST_BYTES + " bytes");
    }
    if (bytes.length == 0) {
      throw new HttpError(400, "request body is empty; send {\"q\": \"level:ERROR | stats count() by service\"}");
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "request body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw new HttpError(400, "request body must be a JSON object like {\"q\": \"…\", \"from\": \"now-15m\"}");
    }
    return body;
  }

  private static String text(JsonNode body, String field) throws HttpError {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      throw new HttpError(400, "'" + field + "' must be a string or a number, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return value.asText();
  }
}
