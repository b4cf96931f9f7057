package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.eval.EventFilter;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.resolve.EventSteps;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.resolve.TypedFilter;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.QueryTimeoutException;
import dev.corral.store.search.StepTimer;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li><b>Events pushed down</b>: when every pipe is a {@code head} or a {@code fields} (the common
 *       "latest events" query), OpenSearch counts the matches exactly ({@code track_total_hits}) and returns
 *       only the newest {@code min(limit, head)} of them; the {@code fields} table is made from those.
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
  private final FieldNameCache fieldNames;

  /**
   * @param transport the cluster
   * @param indexPrefix {@code store.opensearch.index_prefix}
   * @param maxKeywordBytes {@code store.max_keyword_bytes}, as the index template was made with
   */
  public OpenSearchSearch(SearchTransport transport, String indexPrefix, int maxKeywordBytes) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.indices = new DailyIndices(indexPrefix);
    this.maxKeywordBytes = maxKeywordBytes;
    this.fieldNames = new FieldNameCache(transport, indices);
  }

  @Override
  public QueryResult query(QueryRequest request) throws IOException {
    Deadline deadline = Deadline.after(request.timeout());
    StepTimer timer = new StepTimer();
    deadline.check();
    QueryPlan plan = request.plan();
    Predicate<LogEvent> exact = EventFilter.compile(plan.filter(), request.now(), maxKeywordBytes);
    TypedFilter filter = FilterResolver.resolve(plan.filter(), request.now());
    ObjectNode query = FilterTranslation.translate(filter);
    ObjectNode window = FilterTranslation.timeRange(request.fromNanos(), request.toNanos());
    List<String> days = indices.daysOverlapping(transport, request.fromNanos(), request.toNanos(), deadline);
    timer.end("plan");
    EvaluationContext context = context(request);
    int aggregation = plan.aggregationIndex();
    EventSteps steps = aggregation >= 0 ? null : EventSteps.resolve(plan.pipes(), false);
    boolean pushedDown = steps != null && steps.steps().isEmpty();
    int size = pushedDown ? Math.min(request.limit(), steps.limit()) : MAX_FETCHED_EVENTS;
    SearchHits hits = days.isEmpty() ? new SearchHits(0, false, 0, List.of())
        : search(body(query, window, size), deadline);
    timer.end("search");
    if (!pushedDown && hits.total() > MAX_FETCHED_EVENTS) {
      throw FetchedEvents.tooMany(plan, hits.total(), MAX_FETCHED_EVENTS);
    }
    FetchedEvents fetched = FetchedEvents.of(hits.sources(), exact, request.fromNanos(), request.toNanos());
    timer.end("fetch");
    deadline.check();
    EvaluationResult result = PlanEvaluator.evaluatePipes(fetched.events(), plan.pipes(), context, deadline::check);
    timer.end(aggregation >= 0 ? "aggregate" : "pipes");
    deadline.check();
    long total = pushedDown || result.isTable() ? hits.total() : result.total();
    return new QueryResult(total, result.isTable() ? List.of() : fetched.stored(result.events()), result.table(),
        days, timer.steps());
  }

  @Override
  public SortedSet<String> fieldNames() {
    return fieldNames.get();
  }

  private ObjectNode body(ObjectNode query, ObjectNode window, int size) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode bool = body.putObject("query").putObject("bool");
    bool.putArray("filter").add(query).add(window);
    body.put("size", size);
    body.put("track_total_hits", true);
    body.putArray("sort").addObject().putObject("timestamp").put("order", "desc");
    return body;
  }

  private SearchHits search(ObjectNode body, Deadline deadline) throws IOException {
    long millis = Math.max(1, deadline.remaining().toMillis());
    body.put("timeout", millis + "ms");
    String path = "/" + indices.pattern() + "/_search?ignore_unavailable=true&allow_no_indices=true"
        + "&allow_partial_search_results=false";
    SearchTransport.Response response;
    try {
      response = transport.send("POST", path, MAPPER.writeValueAsBytes(body), deadline.remaining());
    } catch (HttpTimeoutException e) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (response.status() == 400) {
      throw new IllegalArgumentException("OpenSearch refused the query: " + ClusterErrors.reason(response.body()));
    }
    if (response.status() != 200) {
      throw new IOException("OpenSearch answered " + response.status() + " to a search: "
          + ClusterErrors.reason(response.body()));
    }
    SearchHits hits = SearchHits.read(response.body());
    if (hits.timedOut()) {
      throw new QueryTimeoutException(deadline.timeout());
    }
    if (hits.failedShards() > 0) {
      throw new IOException("OpenSearch answered a search with " + hits.failedShards() + " failed shards: "
          + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8));
    }
    deadline.check();
    return hits;
  }

  /** The request as the evaluator reads it: its window's upper bound is exclusive, the request's inclusive. */
  private EvaluationContext context(QueryRequest request) {
    Instant from = request.fromNanos() == Long.MIN_VALUE ? null : TimeText.instant(request.fromNanos());
    Instant to = request.toNanos() == Long.MAX_VALUE ? null : TimeText.instant(request.toNanos() + 1);
    return new EvaluationContext(request.now(), from, to, request.limit(), request.limits().maxGroups(),
        request.limits().maxRows(), maxKeywordBytes);
  }
}
