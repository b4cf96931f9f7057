package dev.corral.server.export;

import dev.corral.query.QueryCost;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Handler;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.search.QueryFailures;
import dev.corral.server.search.QueryService;
import dev.corral.server.search.QueryTooCostlyException;
import dev.corral.server.search.ReadScope;
import dev.corral.server.text.Excerpt;
import dev.corral.store.EventStore;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.ExportRun;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/export?q=…&from=…&to=…&format=ndjson|csv&fields=…}: every event the filter
 * matches between the two required bounds, oldest first, streamed with chunked transfer encoding
 * ({@link ExportStream}) — no limit on their number, unlike {@code /api/v1/search}.
 *
 * <p>Checked before anything is streamed, each a 400 naming the parameter: {@code q} is a filter
 * without pipes; {@code from} and {@code to} are both given (an export is bounded by its range) and in
 * order; {@code format} is {@code ndjson} (default) or {@code csv}; {@code fields} (CSV columns) goes
 * only with CSV. The filter runs as the caller: a service-scoped key's read filter is ANDed with it
 * ({@link ReadScope}, as for a search); its cost is limited like a search's ({@code
 * search.max_query_cost}). At most {@value #MAX_RUNNING} exports run at once; one more is a 429 with
 * {@code Retry-After}. Rate limits per key apply as to every read route (one query per export).
 */
final class ExportHandler implements Handler {
  /**
   * Exports at once: each holds a request thread, one day's reader and a share of a core for as long
   * as its client reads; more would crowd out interactive searches on a small server.
   */
  static final int MAX_RUNNING = 4;
  /** Events found and read at a time: ~0.5 MB of typical events, few index round trips, little memory. */
  static final int PAGE_SIZE = 1_000;
  /** Seconds a client refused for too many exports waits: exports take a while to end. */
  private static final String RETRY_AFTER_SECONDS = "5";

  private final QueryService.Settings settings;
  private final Supplier<EventStore> store;
  private final ExportCounters counters;
  private final AuditTrail audit;

  ExportHandler(QueryService.Settings settings, Supplier<EventStore> store, ExportCounters counters, AuditTrail audit) {
    this.audit = audit;
    this.settings = settings;
    this.store = store;
    this.counters = counters;
  }

  @Override
  public Response handle(Request request) throws Exception {
    ExportFormat format = QueryFailures.answer(() -> ExportFormat.of(request.param("format", null)));
    String fields = request.param("fields", null);
    if (fields != null && format != ExportFormat.CSV) {
      throw new HttpError(400, "'fields' chooses the columns of format=csv; an NDJSON export streams whole events");
    }
    EventEncoding encoding = format == ExportFormat.CSV
        ? EventEncoding.csv(QueryFailures.answer(() -> CsvColumns.of(fields))) : EventEncoding.ndjson();
    ExportRun export = QueryFailures.answer(() -> store.get().search().export(exportRequest(request)));
    if (!counters.tryStart()) {
      throw new HttpError(429, MAX_RUNNING + " exports are running, the most at once; retry when one has ended",
          Map.of("Retry-After", RETRY_AFTER_SECONDS), Map.of("max_running", MAX_RUNNING));
    }
    audit.record(AuditEntries.search(request, "export", request.param("q", ""), request.param("from", null),
        request.param("to", null)));
    return Response.streaming(200, format.contentType(), Map.of("Cache-Control", "no-store"),
        new ExportStream(export, encoding, counters));
  }

  /** The store's request: the caller's filter restricted to its scope, the bounds, the page size and timeout. */
  private ExportRequest exportRequest(Request request) {
    Instant now = Instant.now();
    String from = request.param("from", null);
    String to = request.param("to", null);
    if (from == null || to == null) {
      throw new IllegalArgumentException("an export needs both 'from' and 'to' (missing: "
          + (from == null ? to == null ? "from, to" : "from" : "to")
          + "), e.g. from=now-24h&to=now; it streams every event between them");
    }
    long fromNanos = QueryService.bound("from", from, now);
    long toNanos = QueryService.bound("to", to, now);
    if (fromNanos > toNanos) {
      throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
    }
    QueryPlan plan = QueryPlanParser.parse(request.param("q", ""));
    if (!plan.pipes().isEmpty()) {
      throw new IllegalArgumentException("an export takes a filter without pipes, got " + plan.pipes().size()
          + " pipe(s) in " + Excerpt.quote(request.param("q", "")) + "; run pipes with /api/v1/search or POST /api/v1/query");
    }
    Query filter = ReadScope.of(request.principal()).restrict(plan.filter());
    QueryCost cost = QueryCost.of(filter);
    if (cost.units() > settings.cost().maxCost()) {
      throw new QueryTooCostlyException(cost, settings.cost().maxCost());
    }
    return new ExportRequest(filter, fromNanos, toNanos, now, settings.timeout(), PAGE_SIZE);
  }
}
