package dev.corral.server.search;

import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Response;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import java.time.Instant;

/**
 * {@code GET /api/v1/search?q=…&from=…&to=…&limit=…}: matching events newest first as
 * {@code {"total": N, "events": [...], "took_ms": T, "partitions": [...]}}, or a table when the
 * query has pipes that make one (see {@link QueryResultJson}).
 */
public final class SearchHandler implements Handler {
  private final QueryService queries;
  private final AuditTrail audit;

  /** @param audit where each search is recorded (who, query, range) */
  public SearchHandler(QueryService queries, AuditTrail audit) {
    this.queries = queries;
    this.audit = audit;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    audit.record(AuditEntries.search(request, "search", request.param("q", ""), request.param("from", null),
        request.param("to", null)));
    QueryAnswer answer = QueryFailures.answer(() -> queries.query(request.principal(), request.param("q", ""),
        request.param("from", null), request.param("to", null), request.param("limit", null), Instant.now()));
    return Response.json(200, QueryResultJson.encode(answer.result(), answer.warnings(), answer.archive(), (System.nanoTime() - started) / 1_000_000));
  }
}
