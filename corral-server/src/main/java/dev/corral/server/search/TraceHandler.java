package dev.corral.server.search;

import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Response;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import dev.corral.model.Timestamps;
import dev.corral.server.metrics.QueryKind;
import dev.corral.store.search.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code GET /api/v1/trace/{id}[?from=…&to=…]}: every event whose trace_id or request_id is
 * {@code id}, across all services, oldest first, with a summary per service (first and last time,
 * events, errors, span) — what the trace timeline draws.
 */
public final class TraceHandler implements Handler {
  private final QueryService queries;
  private final AuditTrail audit;

  /** @param audit where each trace lookup is recorded (who, the id, range) */
  public TraceHandler(QueryService queries, AuditTrail audit) {
    this.queries = queries;
    this.audit = audit;
  }

  @Override
  public Response handle(Request request) throws Exception {
    long started = System.nanoTime();
    String id = request.pathTail();
    audit.record(AuditEntries.search(request, "trace", id, request.param("from", null), request.param("to", null)));
    QueryResult result = QueryFailures.answer(() -> queries.execute(request.principal(), QueryKind.TRACE,
        TracePlan.of(id), request.param("from", null), request.param("to", null), queries.maxLimit(), Instant.now()));
    TraceView trace = TraceView.of(id, result.events(), result.total() > result.events().size());
    return Response.json(200, encode(trace, result, (System.nanoTime() - started) / 1_000_000));
  }

  private static byte[] encode(TraceView trace, QueryResult result, long tookMs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + trace.events().size() * 400);
    try (JsonGenerator json = CanonicalJson.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", trace.id());
      json.writeNumberField("total", result.total());
      json.writeNumberField("took_ms", tookMs);
      json.writeBooleanField("truncated", trace.truncated());
      if (!trace.events().isEmpty()) {
        json.writeStringField("first", Timestamps.format(trace.first()));
        json.writeStringField("last", Timestamps.format(trace.last()));
        json.writeNumberField("duration_ms", (trace.last() - trace.first()) / 1_000_000.0);
      }
      json.writeNumberField("errors", trace.errors());
      json.writeArrayFieldStart("services");
      for (ServiceSpan span : trace.services()) {
        json.writeStartObject();
        json.writeStringField("service", span.service());
        json.writeStringField("first", Timestamps.format(span.first()));
        json.writeStringField("last", Timestamps.format(span.last()));
        json.writeNumberField("events", span.events());
        json.writeNumberField("errors", span.errors());
        json.writeNumberField("span_ms", span.spanMillis());
        json.writeEndObject();
      }
      json.writeEndArray();
      QueryResultJson.writeHeader(json, result.partitionsRead(), result.stepMillis());
      QueryResultJson.writeEvents(json, "events", trace.events());
      json.writeEndObject();
    }
    return out.toByteArray();
  }
}
