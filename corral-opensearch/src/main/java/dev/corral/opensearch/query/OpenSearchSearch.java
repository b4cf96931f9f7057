package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.agg.Grouping;
import dev.corral.query.ast.Query;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.eval.EventFilter;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.resolve.EventSteps;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.table.Table;
import dev.corral.query.table.TableOps;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.ExportRequest;
import dev.corral.store.search.ExportRun;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.StepTimer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.function.Predicate;

/**
 * The read side of the OpenSearch store: answers a {@link QueryRequest} from the daily indices
 * {@code <prefix>-YYYY.MM.DD} as the in-memory evaluator ({@link PlanEvaluator}) answers it over the same
 * events, which is what the Lucene store does too (the differential test holds all three together).
 *
 * <ol>
 *   <li><b>Filter</b>: resolved once ({@link FilterResolver}) and translated node for node into the Query
 *       DSL ({@link FilterTranslation}), with the time window as a {@code range} on {@code timestamp}; the
 *       filter is compiled by corral-query's {@link EventFilter} first, so a query the Lucene store refuses
 *       (a pattern too complex or invalid, a bad time bound) is refused here with the same message before
 *       the cluster is asked.
 *   <li><b>Events pushed down</b>: when every pipe is a {@code head}, a {@code fields} or a {@code where}
 *       OpenSearch decides as Corral ({@link WhereTranslation}), as in the common "latest events" query,
 *       OpenSearch counts the matches exactly ({@code track_total_hits}) and returns only the newest {@code
 *       min(limit, head)} of them; the {@code fields} table is made from those.
 *   <li><b>Aggregations pushed down</b> ({@link AggregationPushdown}): a {@code stats}, {@code
 *       timechart} or {@code top} after no pipe or such wheres only, of exact functions (counts, sums, averages, extremes) is OpenSearch's
 *       composite aggregation, the table Corral's; {@code count_distinct} and percentiles too, but only
 *       when more events match than Corral fetches (OpenSearch's sketches are not Corral's).
 *   <li><b>Everything else after the fetch</b> ({@link FetchedEvents}): every matching event is fetched,
 *       newest first, at most {@link #MAX_FETCHED_EVENTS}; Corral re-checks each with its own filter and
 *       runs the pipes with {@link PlanEvaluator#evaluatePipes}: {@code where}, {@code sort}, {@code eval},
 *       the extraction pipes, {@code stats}, {@code timechart}, {@code top} and the table pipes. When more
 *       events match than the bound, the query is refused with an {@link IllegalArgumentException} naming
 *       the pipe, the number of events and the bound: never a partial answer.
 * </ol>
 *
 * <p>Results are built as the Lucene store builds them: {@code total} the events matching the filter (for
 * an event result, those kept by the event-stage {@code where}s), events newest first unless sorted,
 * {@code partitionsRead} the days whose index exists and overlaps the window, {@code stepMillis} per step.
 *
 * <p>Timeouts: the remaining time goes to OpenSearch as the search's {@code timeout} and to the transport;
 * a search that timed out on a shard, an answer that did not come in time, or evaluation past the deadline
 * throw {@link QueryTimeoutException}. Freshness: an event is visible once its index refreshed (the
 * template's refresh interval, 1 s; the writer's {@code awaitIndexed} refreshes).
 *
 * <p>Exports ({@link #export}) page through a point in time with {@code search_after}, without the row
 * bound ({@link PointInTimeExport}).
 *
 * <p>Thread-safe: immutable apart from the field-name cache.
 */
public final class OpenSearchSearch implements EventSearch {
  /**
   * Most events a query fetches to run its pipes in Corral: OpenSearch's default {@code
   * index.max_result_window} (one request returns at most that many hits without a scroll) and Corral's
   * {@link QueryRequest#MAX_LIMIT}; about 10 MB of sources at a typical 1 KB per event.
   */
  public static final int MAX_FETCHED_EVENTS = 10_000;

  private static final ObjectMapper MAPPER = new ObjectMapper(CanonicalJson.FACTORY);

  private final SearchTransport transport;
  private final DailyIndices indices;
  private final int maxKeywordBytes;
  private final int maxFetchedEvents;
  private final FieldNameCache fieldNames;
  private final ClusterSearch cluster;

  /**
   * @param transport the cluster
   * @param indexPrefix {@code store.opensearch.index_prefix}
   * @param maxKeywordBytes {@code store.max_keyword_bytes}, as the index template was made with
   */
  public OpenSearchSearch(SearchTransport transport, String indexPrefix, int maxKeywordBytes) {
    this(transport, indexPrefix, maxKeywordBytes, MAX_FETCHED_EVENTS);
  }

  /**
   * @param maxFetchedEvents the row bound of the pipes that run in Corral, 1..{@value #MAX_FETCHED_EVENTS}
   *     (lower in tests, to reach it with few events)
   */
  public OpenSearchSearch(SearchTransport transport, String indexPrefix, int maxKeywordBytes, int maxFetchedEvents) {
    if (maxFetchedEvents < 1 || maxFetchedEvents > MAX_FETCHED_EVENTS) {
      throw new IllegalArgumentException("events fetched per query (" + maxFetchedEvents + ") must be in 1.."
          + MAX_FETCHED_EVENTS + " (OpenSearch's index.max_result_window)");
    }
    this.maxFetchedEvents = maxFetchedEvents;
    this.transport = Objects.requireNonNull(transport, "transport");
    this.indices = new DailyIndices(indexPrefix);
    this.maxKeywordBytes = maxKeywordBytes;
    this.fieldNames = new FieldNameCache(transport, indices);
    this.cluster = new ClusterSearch(transport, indices);
  }

  @Override
  public QueryResult query(QueryRequest request) throws IOException {
    Deadline deadline = Deadline.after(request.timeout());
    StepTimer timer = new StepTimer();
    deadline.check();
    QueryPlan plan = request.plan();
    Predicate<LogEvent> exact = EventFilter.compile(plan.filter(), request.now(), maxKeywordBytes);
    int aggregation = plan.aggregationIndex();
    // the event stage and the grouping refuse as the evaluator refuses, before any event is read
    EventSteps steps = EventSteps.resolve(aggregation >= 0 ? plan.pipes().subList(0, aggregation) : plan.pipes(),
        aggregation >= 0);
    if (aggregation >= 0) {
      Grouping.of(plan.pipes().get(aggregation), steps.visible());
    }
    List<ObjectNode> wheres = WhereTranslation.of(steps.steps());
    ArrayNode clauses = filterClauses(plan.filter(), request.now(), request.fromNanos(), request.toNanos());
    if (wheres != null) {
      clauses.addAll(wheres);
    }
    ObjectNode filter = FilterTranslation.leaf("bool", MAPPER.createObjectNode().set("filter", clauses));
    List<String> days = indices.daysOverlapping(transport, request.fromNanos(), request.toNanos(), deadline);
    Grouping grouping = days.isEmpty() || wheres == null || aggregation < 0 ? null
        : AggregationPushdown.of(plan.pipes().get(aggregation), steps.visible(), true);
    if (grouping != null && AggregationPushdown.sketched(grouping)
        && cluster.hits(newestFirst(filter, 0), deadline).total() <= maxFetchedEvents) {
      grouping = null; // few enough events for Corral's own sketches, exactly the evaluator's answer
    }
    if (grouping != null) {
      grouping.aggregations().stream().filter(a -> a.filter() != null)
          .forEach(a -> EventFilter.compile(a.filter(), request.now(), maxKeywordBytes)); // the evaluator's refusals
      if (grouping.needsAutoSpan()) {
        grouping = grouping.withSpanNanos(autoSpan(filter, request, deadline));
      }
    }
    timer.end("plan");
    if (grouping != null && AggregationPushdown.bucketsInMillis(grouping.spanNanos())) {
      return aggregated(grouping, aggregation, filter, request, days, deadline, timer);
    }
    boolean eventsPushedDown = aggregation < 0 && wheres != null;
    return fetched(exact, filter, eventsPushedDown ? Math.min(request.limit(), steps.limit()) : -1, request, days,
        deadline, timer);
  }

  /** The plan's aggregation computed by OpenSearch ({@link AggregationPushdown}), the later pipes by Corral. */
  private QueryResult aggregated(Grouping grouping, int aggregation, ObjectNode filter, QueryRequest request,
      List<String> days, Deadline deadline, StepTimer timer) throws IOException {
    PushedGroups groups = AggregationPushdown.groups(grouping, filter, request.now(), cluster, deadline,
        request.limits().maxMemoryBytes());
    timer.end("aggregate");
    Table table = groups.build(grouping, request.limits().maxGroups(), request.limits().maxRows());
    timer.end("table");
    List<Pipe> pipes = request.plan().pipes();
    table = TableOps.applyAll(table, pipes.subList(aggregation + 1, pipes.size()), request.limits().maxRows());
    timer.end("pipes");
    return new QueryResult(groups.table().documents(), List.of(), table, days, timer.steps());
  }

  /**
   * The events fetched, and the pipes run over them in Corral (those OpenSearch already applied keep
   * every event): only the newest {@code newest} when OpenSearch decided the whole event stage (the
   * filter, wheres, fields, heads; {@code newest} is then {@code min(limit, head)}, else -1), else every
   * matching event up to the row bound.
   */
  private QueryResult fetched(Predicate<LogEvent> exact, ObjectNode filter, int newest, QueryRequest request,
      List<String> days, Deadline deadline, StepTimer timer) throws IOException {
    QueryPlan plan = request.plan();
    boolean pushedDown = newest >= 0;
    SearchHits hits = days.isEmpty() ? SearchHits.none()
        : cluster.hits(newestFirst(filter, pushedDown ? newest : maxFetchedEvents), deadline);
    timer.end("search");
    if (!pushedDown && hits.total() > maxFetchedEvents) {
      throw FetchedEvents.tooMany(plan, hits.total(), maxFetchedEvents);
    }
    FetchedEvents fetched = FetchedEvents.of(hits.sources(), exact, request.fromNanos(), request.toNanos(),
        request.limits().maxMemoryBytes());
    timer.end("fetch");
    deadline.check();
    EvaluationResult result = PlanEvaluator.evaluatePipes(fetched.events(), plan.pipes(), context(request),
        deadline::check);
    timer.end(plan.aggregationIndex() >= 0 ? "aggregate" : "pipes");
    deadline.check();
    long total = pushedDown || result.isTable() ? hits.total() : result.total();
    return new QueryResult(total, result.isTable() ? List.of() : fetched.stored(result.events()), result.table(),
        days, timer.steps());
  }

  /**
   * {@link AutoSpan#choose} over the request's window, or over the matching events' oldest..newest
   * timestamp when the window is open at either end, as the evaluator and the Lucene store choose it.
   */
  private long autoSpan(ObjectNode filter, QueryRequest request, Deadline deadline) throws IOException {
    if (request.fromNanos() != Long.MIN_VALUE && request.toNanos() != Long.MAX_VALUE) {
      return AutoSpan.choose(request.fromNanos(), request.toNanos()).toNanos();
    }
    List<byte[]> newest = cluster.hits(newestFirst(filter, 1), deadline).sources();
    if (newest.isEmpty()) {
      return AutoSpan.SPANS.get(0).toNanos(); // no events: no buckets either
    }
    ObjectNode oldestFirst = newestFirst(filter, 1);
    ((ObjectNode) oldestFirst.path("sort").path(0).path("timestamp")).put("order", "asc");
    byte[] oldest = cluster.hits(oldestFirst, deadline).sources().get(0);
    return AutoSpan.choose(timestamp(oldest), timestamp(newest.get(0))).toNanos();
  }

  private static long timestamp(byte[] source) {
    return CanonicalJson.read(source, 0, source.length).timestamp();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The run pages through a point in time over the days' indices ({@link PointInTimeExport}). The
   * filter is compiled by corral-query too, so a filter the Lucene store refuses is refused here with the
   * same message, and each event is re-checked with it as a query's are.
   */
  @Override
  public ExportRun export(ExportRequest request) {
    Predicate<LogEvent> exact = EventFilter.compile(request.filter(), request.now(), maxKeywordBytes);
    ObjectNode filter = FilterTranslation.leaf("bool", MAPPER.createObjectNode().set("filter",
        filterClauses(request.filter(), request.now(), request.fromNanos(), request.toNanos())));
    return new PointInTimeExport(transport, indices, cluster, request, filter, exact);
  }

  /** The filter, resolved against {@code now}, and the time window, as the clauses of a {@code bool} filter. */
  private static ArrayNode filterClauses(Query filter, Instant now, long fromNanos, long toNanos) {
    return MAPPER.createArrayNode().add(FilterTranslation.translate(FilterResolver.resolve(filter, now)))
        .add(FilterTranslation.timeRange(fromNanos, toNanos));
  }

  @Override
  public SortedSet<String> fieldNames() {
    return fieldNames.get();
  }

  /** A search for the {@code size} newest events {@code filter} matches, counting them all exactly. */
  private static ObjectNode newestFirst(ObjectNode filter, int size) {
    ObjectNode body = MAPPER.createObjectNode();
    body.set("query", filter);
    body.put("size", size);
    body.put("track_total_hits", true);
    body.putArray("sort").addObject().putObject("timestamp").put("order", "desc");
    return body;
  }

  /** The request as the evaluator reads it: its window's upper bound is exclusive, the request's inclusive. */
  private EvaluationContext context(QueryRequest request) {
    Instant from = request.fromNanos() == Long.MIN_VALUE ? null : TimeText.instant(request.fromNanos());
    Instant to = request.toNanos() == Long.MAX_VALUE ? null : TimeText.instant(request.toNanos() + 1);
    return new EvaluationContext(request.now(), from, to, request.limit(), request.limits().maxGroups(),
        request.limits().maxRows(), maxKeywordBytes);
  }
}
