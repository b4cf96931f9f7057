package dev.corral.store.exec;

import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.eval.EventFilter;
import dev.corral.query.agg.Grouping;
import dev.corral.query.agg.StatsTable;
import dev.corral.query.agg.TopTable;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.resolve.EventSteps;
import dev.corral.query.resolve.Everything;
import dev.corral.query.resolve.FilterResolver;
import dev.corral.query.resolve.TypedFilter;
import dev.corral.query.table.EventTable;
import dev.corral.query.table.Table;
import dev.corral.query.table.TableOps;
import dev.corral.store.query.LuceneQueryBuilder;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.StepTimer;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Weight;

/**
 * Runs a {@link QueryRequest} over the partitions it overlaps, following the execution model of
 * {@link QueryPlan}:
 *
 * <ol>
 *   <li><b>plan</b>: the filter is resolved ({@link FilterResolver}) and becomes a Lucene query ({@link
 *       LuceneQueryBuilder}), restricted to
 *       the time window per partition; the event-stage pipes are applied ({@link EventStage}).
 *   <li>Without an aggregating pipe: <b>search</b> counts the matches of every partition (the
 *       total) and finds the first {@code min(limit, head)} events in the order of the last sort
 *       ({@link EventFetcher}); <b>fetch</b> reads their sources. With a {@code | fields} the
 *       events become a table ({@link EventTable}, shared with the evaluator) of at most {@code
 *       maxRows} rows.
 *   <li>With one: <b>aggregate</b> feeds every selected event of every partition into groups,
 *       from doc values ({@link AggregationCollectorManager}), or, for a plain {@code count()} by
 *       service and level, from each segment's precomputed counts where they give the same answer
 *       ({@link RollupCounting}); <b>table</b> turns the groups into
 *       rows ({@link StatsTable}, {@link TopTable}, shared with the evaluator); <b>pipes</b> applies
 *       the later pipes and the row cap ({@link TableOps#applyAll}).
 * </ol>
 *
 * <p>With an event-stage pipe that reads whole events — extraction ({@code json}, {@code logfmt},
 * {@code kv}, {@code parse}), {@code eval}, a {@code where} expression — the pipes from the first
 * one on run over the events' sources ({@link ExtractionStage}). A conditional aggregate ({@code
 * count(level:ERROR)}) tests each collected document against its filter's Lucene query.
 *
 * <p>Errors: {@link IllegalArgumentException} for a query that cannot run as written (too complex
 * regex, too much aggregation state, a full-text field where a value is needed, …); {@link
 * dev.corral.store.search.QueryTimeoutException} when the deadline passes; never partial results.
 * Stateless; thread-safe. The caller holds the partitions' readers for the call.
 */
public final class PlanExecutor {
  private PlanExecutor() {}

  /**
   * @param partitions readers of the partitions overlapping the request's window, newest day first
   * @param deadline when to give up; started by the caller when the query arrived
   */
  public static QueryResult execute(List<PartitionSnapshot> partitions, QueryRequest request, QueryDeadline deadline)
      throws IOException {
    return execute(partitions, request, deadline, EventFilter.DEFAULT_MAX_KEYWORD_BYTES);
  }

  /**
   * @param maxKeywordBytes the store's keyword limit: an extracted string longer than it reads as
   *     missing in later pipes, as a stored one does
   */
  public static QueryResult execute(List<PartitionSnapshot> partitions, QueryRequest request, QueryDeadline deadline,
      int maxKeywordBytes) throws IOException {
    StepTimer timer = new StepTimer();
    deadline.check();
    QueryPlan plan = request.plan();
    TypedFilter typedFilter = FilterResolver.resolve(plan.filter(), request.now());
    Query filter = LuceneQueryBuilder.build(typedFilter);
    List<PartitionSearch> searches = new ArrayList<>(partitions.size());
    List<Query> queries = new ArrayList<>(partitions.size());
    List<String> days = new ArrayList<>(partitions.size());
    for (PartitionSnapshot partition : partitions) {
      PartitionSearch search = new PartitionSearch(partition, deadline);
      searches.add(search);
      queries.add(search.withinWindow(filter, request.fromNanos(), request.toNanos()));
      days.add(partition.day());
    }
    int aggregation = plan.aggregationIndex();
    List<Pipe> pipes = plan.pipes();
    int extraction = plan.firstSourceRead();
    if (extraction >= 0) {
      EvaluationResult result = ExtractionStage.run(searches, queries, request, extraction, maxKeywordBytes, deadline);
      timer.end("extract");
      return new QueryResult(result.total(), ExtractionStage.stored(result.events()), result.table(), days,
          timer.steps());
    }
    EventSelection selection = EventStage.select(searches, queries,
        EventSteps.resolve(aggregation < 0 ? pipes : pipes.subList(0, aggregation), aggregation >= 0));
    timer.end("plan");
    if (aggregation < 0) {
      return events(searches, selection, request, plan, days, timer, deadline);
    }
    Grouping grouping = Grouping.of(pipes.get(aggregation), selection.visibility());
    if (grouping.needsAutoSpan()) {
      grouping = grouping.withSpanNanos(autoSpan(searches, selection, request));
    }
    GroupTable groups = new GroupTable(grouping.aggregations(), request.limits().maxMemoryBytes(), 0);
    List<Query> conditions = conditions(grouping, request);
    RollupCounting rollup = RollupCounting.of(aggregation, grouping, typedFilter, request.fromNanos(),
        request.toNanos(), deadline).orElse(null);
    for (int p = 0; p < searches.size(); p++) {
      PartitionSearch search = searches.get(p);
      List<Weight> weights = new ArrayList<>(conditions.size());
      for (Query condition : conditions) {
        weights.add(condition == null ? null : search.weight(condition));
      }
      Weight rollupFilter = rollup == null || typedFilter instanceof Everything ? null : search.weight(filter);
      groups.merge(search.collect(selection.queries().get(p), new AggregationCollectorManager(grouping, weights,
          deadline, request.limits().maxMemoryBytes(), groups.estimatedBytes(), rollup, rollupFilter)));
    }
    timer.end("aggregate");
    deadline.check();
    Table table = grouping.table(groups, request.limits().maxGroups(), request.limits().maxRows());
    timer.end("table");
    table = TableOps.applyAll(table, pipes.subList(aggregation + 1, pipes.size()), request.limits().maxRows());
    timer.end("pipes");
    return new QueryResult(groups.documents(), List.of(), table, days, timer.steps());
  }

  /**
   * Turns the segment rollups ({@link RollupCounting}) off or on for every query of this process:
   * for tests that compare the answers of both paths. On by default.
   */
  public static void useRollups(boolean on) {
    SegmentRollups.enable(on);
  }

  /** Bytes of segment rollups this process holds ({@link SegmentRollups}): what a test checks was used. */
  public static long rollupBytes() {
    return SegmentRollups.shared().bytes();
  }

  /** Per aggregation, its filter as a Lucene query (a conditional aggregate), or null. */
  private static List<Query> conditions(Grouping grouping, QueryRequest request) {
    List<Query> conditions = new ArrayList<>();
    for (Aggregation aggregation : grouping.aggregations()) {
      conditions.add(aggregation.filter() == null ? null
          : LuceneQueryBuilder.build(FilterResolver.resolve(aggregation.filter(), request.now())));
    }
    return conditions;
  }

  private static QueryResult events(List<PartitionSearch> searches, EventSelection selection, QueryRequest request,
      QueryPlan plan, List<String> days, StepTimer timer, QueryDeadline deadline) throws IOException {
    long total = 0;
    for (int p = 0; p < searches.size(); p++) {
      total += searches.get(p).count(selection.queries().get(p));
    }
    int wanted = Math.min(request.limit(), selection.head());
    boolean table = plan.pipes().stream().anyMatch(pipe -> pipe instanceof FieldsPipe);
    int maxRows = request.limits().maxRows();
    boolean truncated = table && wanted > maxRows && total > maxRows;
    int n = table ? Math.min(wanted, maxRows) : wanted;
    List<EventHit> hits = EventFetcher.top(searches, selection.queries(), selection.order(), n);
    timer.end("search");
    List<StoredEvent> events = EventFetcher.load(searches, hits, deadline);
    timer.end("fetch");
    if (!table) {
      return new QueryResult(total, events, null, days, timer.steps());
    }
    List<LogEvent> parsed = new ArrayList<>(events.size());
    for (StoredEvent event : events) {
      parsed.add(CanonicalJson.read(event.source(), 0, event.source().length));
    }
    Table fields = EventTable.of(parsed, selection.visibility(), truncated);
    timer.end("table");
    return new QueryResult(total, List.of(), fields, days, timer.steps());
  }

  /**
   * {@link AutoSpan#choose} over the request's window, or over the selected events' oldest..newest
   * timestamp when the window is open at either end.
   */
  private static long autoSpan(List<PartitionSearch> searches, EventSelection selection, QueryRequest request)
      throws IOException {
    if (request.fromNanos() != Long.MIN_VALUE && request.toNanos() != Long.MAX_VALUE) {
      return AutoSpan.choose(request.fromNanos(), request.toNanos()).toNanos();
    }
    List<EventHit> oldest = EventFetcher.top(searches, selection.queries(), EventOrder.OLDEST_FIRST, 1);
    List<EventHit> newest = EventFetcher.top(searches, selection.queries(), EventOrder.NEWEST_FIRST, 1);
    if (oldest.isEmpty()) {
      return AutoSpan.SPANS.get(0).toNanos(); // no events: no buckets either
    }
    return AutoSpan.choose(oldest.get(0).timestamp(), newest.get(0).timestamp()).toNanos();
  }
}
