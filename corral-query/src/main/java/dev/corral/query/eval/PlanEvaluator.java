package dev.corral.query.eval;

import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.query.RangeBounds;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.resolve.EventStep;
import dev.corral.query.resolve.EventSteps;
import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.query.table.EventTable;
import dev.corral.query.table.Table;
import dev.corral.query.table.TableOps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a whole {@link QueryPlan} over events in memory: the reference semantics of Corral
 * queries. The store computes the same results from its index; a differential test holds the
 * two together. Stateless and thread-safe.
 *
 * <h2>Rules (the store implements exactly these)</h2>
 *
 * <ol>
 *   <li><b>Match.</b> An event is in when {@link EventFilter} accepts it and {@code from <=
 *       timestamp < to} for the context's bounds that are set.
 *   <li><b>Initial order.</b> Newest first by timestamp; events with equal timestamps keep their
 *       input order (the store's order among them is unspecified: compare such ties as sets).
 *   <li><b>Stages.</b> The table starts at the aggregating pipe ({@code stats}, {@code timechart},
 *       {@code top}); pipes before it act on events, pipes after it on the table through {@link
 *       TableOps}. Without an aggregating pipe every pipe acts on events, and the result is
 *       events, or a table when there is a {@code fields}.
 *   <li><b>Event fields.</b> {@code fields a, b} narrows the visible fields to those named by every
 *       {@code fields} so far; later event pipes read a hidden field as missing: a {@code where} on
 *       it matches nothing, a sort key on it orders nothing.
 *   <li><b>Event values.</b> {@code sort} and {@code where} read a field as the store indexes it:
 *       a string longer than the keyword limit (outside the full-text fields) is missing.
 *       Full-text fields ({@code message}, {@code exception.stacktrace}) have no such value and
 *       are refused ({@link FullTextRefusal}) when visible.
 *   <li><b>Event sort.</b> A {@code sort} orders by its keys, the first primary, then newest
 *       first; the order of an earlier sort does not carry over (the last sort sets the order).
 *       Values compare by {@link dev.corral.query.table.ValueOrder} (numbers before text, numbers
 *       numerically, text by {@link String#compareTo}); {@code level} is its name, so it sorts as
 *       text ({@code ERROR < INFO < WARN}), as the store's keyword doc values do; {@code
 *       timestamp} by its nanoseconds; missing values last in both directions. Names resolve like
 *       filter fields ({@code LEVEL} is {@code level}).
 *   <li><b>Event where.</b> {@link dev.corral.query.table.WhereComparison} with the column type
 *       taken from each event's value: TIMESTAMP for {@code timestamp}, LONG or DOUBLE for
 *       numbers, STRING otherwise; a missing field never matches.
 *   <li><b>Extraction.</b> {@code json}, {@code logfmt}, {@code kv} and {@code parse} replace each
 *       event by {@link dev.corral.query.extract.Extraction#apply} (order and count unchanged);
 *       the pipes after them read the extracted fields like stored ones, by rules 5 to 9.
 *   <li><b>Event head, total, limit.</b> {@code head N} keeps the first N. A head followed by a
 *       {@code where} or {@code sort} keeps those N events for them (the store pins them); the
 *       heads after the last {@code where} or {@code sort} only cap the result. The result's
 *       total is the number of events before those trailing heads; the events returned are then
 *       cut to the context's limit.
 *   <li><b>Values for aggregation.</b> Fields are read as the store's doc values hold them:
 *       numbers (longs as doubles) are fed with {@code addNumber}, strings and booleans with
 *       {@code addText}; a string longer than the keyword limit (outside message and
 *       exception.stacktrace) is missing. {@code count()} is fed {@code addEvent()} per event.
 *       A group value is the value's text: strings as they are, booleans {@code true}/{@code
 *       false}, numbers their canonical text ({@link dev.corral.query.table.NumberText}: 500.0 →
 *       "500", 1.5 → "1.5"), timestamp its epoch nanoseconds in decimal, missing → null.
 *   <li><b>Group fields.</b> The by fields and aggregated fields of {@code stats}, {@code
 *       timechart} and {@code top} may not be full-text fields ({@link FullTextRefusal}; checked
 *       before any event is read, by-fields first).
 *   <li><b>stats.</b> One row per distinct combination of by-values (exactly one row without
 *       {@code by}, even over no events). Columns: the by fields (STRING), then the aggregations
 *       (types of {@link dev.corral.query.agg.Accumulator#resultType()}). Rows ordered by the
 *       by-columns ascending, component by component, by {@link String#compareTo} with nulls last
 *       ({@link dev.corral.query.agg.GroupKey}). Beyond {@code cap} groups, where {@code cap} is
 *       {@code maxGroups} lowered to {@code maxRows - 1} (at least 1) so the "other" row fits in
 *       the table ({@link dev.corral.query.agg.GroupCap#statsCap}), the {@code cap} groups
 *       with the most events stay (ties: by-values ascending, nulls last) and all others merge
 *       into one last row whose by-columns hold {@link Table#OTHER}; then {@code otherRow} and
 *       {@code truncated} are true ({@link dev.corral.query.agg.StatsTable}).
 *   <li><b>timechart.</b> Bucket start = {@code floorDiv(timestamp, span) * span} in epoch ns.
 *       Without {@code span=}: {@link dev.corral.query.plan.AutoSpan} over [from, to − 1 ns] when
 *       the context has both bounds, else over the oldest..newest timestamps of the events
 *       reaching the pipe. Columns: {@code timestamp} (TIMESTAMP, the bucket start), the by field
 *       (STRING) if any, the aggregations. Only buckets with events appear. Rows ordered by
 *       timestamp, then by value ascending (String order, null last). With {@code by} and more
 *       than {@code maxGroups} distinct by-values, the {@code maxGroups} values with the most
 *       events over the whole result (ties: value ascending, null last) are their own series; the
 *       rest merge per bucket into a series {@link Table#OTHER}, placed after all others in its
 *       bucket, and then {@code truncated} is true ({@code otherRow} stays false: those rows are
 *       not last).
 *   <li><b>top N f.</b> Columns {@code f} (STRING), {@code count} (LONG), {@code percent} (DOUBLE,
 *       100 × count / number of events that have f). Events without f are not counted. Rows
 *       ordered by count descending, then value ascending (String order); the first N.
 *   <li><b>fields</b> (no aggregation): one row per returned event (at most the limit) in event
 *       order, the columns of the last {@code fields}; types by {@link EventTable}; cut to {@code
 *       maxRows}, then {@code truncated}.
 *   <li><b>Table stage.</b> The remaining pipes by {@link TableOps}; finally rows are cut to
 *       {@code maxRows}, setting {@code truncated}.
 * </ol>
 *
 * <p>A {@code fields} before an aggregating pipe (which the parser refuses) hides fields from the
 * aggregation too: it reads them as missing, as the store does (the time bucket of a timechart
 * still comes from each event's timestamp).
 *
 * @throws IllegalArgumentException from {@link #evaluate} when the filter cannot be compiled (see
 *     {@link EventFilter}), a pipe needs a value of a full-text field ({@link FullTextRefusal}) or
 *     a table pipe names an unknown column
 */
public final class PlanEvaluator {
  private static final Comparator<LogEvent> NEWEST_FIRST =
      Comparator.comparingLong(LogEvent::timestamp).reversed();

  private PlanEvaluator() {}

  /** Evaluates {@code plan} over {@code events} (any order). */
  public static EvaluationResult evaluate(QueryPlan plan, Collection<LogEvent> events, EvaluationContext ctx) {
    Predicate<LogEvent> filter = EventFilter.compile(plan.filter(), ctx.now(), ctx.maxKeywordBytes());
    long from = ctx.from() == null ? Long.MIN_VALUE : RangeBounds.saturatedNanos(ctx.from());
    long to = ctx.to() == null ? Long.MAX_VALUE : RangeBounds.saturatedNanos(ctx.to());
    List<LogEvent> current = new ArrayList<>();
    for (LogEvent event : events) {
      boolean inRange = event.timestamp() >= from && (ctx.to() == null || event.timestamp() < to);
      if (inRange && filter.test(event)) {
        current.add(event);
      }
    }
    current.sort(NEWEST_FIRST);
    return evaluatePipes(current, plan.pipes(), ctx, () -> { });
  }

  /**
   * Applies {@code pipes} (rules 3 to 15) to events that already passed the filter and the time
   * range, in their current order. A back end that cannot run some pipes from its index (the
   * extraction pipes) runs the pipes before them itself and hands its events and the remaining
   * pipes here, so both give the same results by construction.
   *
   * @param current the matching events, in the order of the pipes before {@code pipes}
   * @param progress run every few hundred events an extraction reads; it may throw (unchecked) to
   *     cancel, as a query deadline does
   */
  public static EvaluationResult evaluatePipes(List<LogEvent> current, List<Pipe> pipes, EvaluationContext ctx,
      Runnable progress) {
    int aggregation = new QueryPlan(new MatchAll(), pipes).aggregationIndex();
    EventSteps steps = EventSteps.resolve(aggregation >= 0 ? pipes.subList(0, aggregation) : pipes, aggregation >= 0);
    for (EventStep step : steps.steps()) {
      current = EventStage.apply(current, step, ctx.maxKeywordBytes(), progress);
    }
    long total = current.size();
    if (current.size() > steps.limit()) {
      current = current.subList(0, steps.limit());
    }
    VisibleFields visible = steps.visible();
    if (aggregation < 0) {
      if (visible.columns() == null) {
        List<LogEvent> limited = current.size() <= ctx.limit() ? current : current.subList(0, ctx.limit());
        return EvaluationResult.ofEvents(limited, total);
      }
      int wanted = Math.min(current.size(), ctx.limit());
      int rows = Math.min(wanted, ctx.maxRows());
      return EvaluationResult.ofTable(EventTable.of(current.subList(0, rows), visible, wanted > ctx.maxRows()));
    }
    Table table = AggregationTables.of(pipes.get(aggregation), current, visible, ctx);
    return EvaluationResult.ofTable(TableOps.applyAll(table, pipes.subList(aggregation + 1, pipes.size()),
        ctx.maxRows()));
  }
}
