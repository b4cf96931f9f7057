package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
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
 *       {@code top}), or without one at the first {@code fields}; pipes before it act on events,
 *       pipes after it on the table through {@link TableOps}. Without either, the result is
 *       events.
 *   <li><b>Event sort.</b> Each {@code sort} is a stable sort of the current order; its first key
 *       is primary. Values compare by {@link dev.corral.query.table.ValueOrder} (numbers before
 *       text, numbers numerically, text by {@link String#compareTo}); {@code level} by severity;
 *       {@code timestamp} by its nanoseconds; missing values last in both directions. Names
 *       resolve like filter fields ({@code LEVEL} is {@code level}).
 *   <li><b>Event where.</b> {@link dev.corral.query.table.WhereComparison} with the column type
 *       taken from each event's value: TIMESTAMP for {@code timestamp}, LONG or DOUBLE for
 *       numbers, STRING otherwise; a missing field never matches.
 *   <li><b>Event head, total, limit.</b> {@code head N} keeps the first N. The result's total is
 *       the number of events just before the first {@code head} (or after the whole event stage
 *       when there is none); the events returned are then cut to the context's limit.
 *   <li><b>Values for aggregation.</b> Fields are read as the store's doc values hold them:
 *       numbers (longs as doubles) are fed with {@code addNumber}, strings and booleans with
 *       {@code addText}; a string longer than the keyword limit (outside message and
 *       exception.stacktrace) is missing. {@code count()} is fed {@code addEvent()} per event.
 *       A group value is the value's text: strings as they are, booleans {@code true}/{@code
 *       false}, numbers their canonical text ({@link dev.corral.query.agg.NumberText}: 500.0 →
 *       "500", 1.5 → "1.5"), timestamp its epoch nanoseconds in decimal, missing → null.
 *   <li><b>stats.</b> One row per distinct combination of by-values (exactly one row without
 *       {@code by}, even over no events). Columns: the by fields (STRING), then the aggregations
 *       (types of {@link dev.corral.query.agg.Accumulator#resultType()}). Rows ordered by the
 *       by-columns ascending, component by component, by {@link String#compareTo} with nulls last
 *       ({@link dev.corral.query.agg.GroupKey}). Only the first {@code maxGroups} groups in that
 *       order are kept; all later groups are merged into one last row whose by-columns hold
 *       {@link Table#OTHER}, and then {@code otherRow} and {@code truncated} are true ({@link
 *       dev.corral.query.agg.CappedGroups} does this in bounded memory).
 *   <li><b>timechart.</b> Bucket start = {@code floorDiv(timestamp, span) * span} in epoch ns.
 *       Without {@code span=}: {@link dev.corral.query.plan.AutoSpan} over [from, to − 1 ns] when
 *       the context has both bounds, else over the oldest..newest timestamps of the events
 *       reaching the pipe. Columns: {@code timestamp} (TIMESTAMP, the bucket start), the by field
 *       (STRING) if any, the aggregations. Only buckets with events appear. Rows ordered by
 *       timestamp, then by value ascending (String order, null last). With {@code by}, only the
 *       first {@code maxGroups} distinct by-values (in that value order, over the whole result)
 *       are their own series; the rest merge per bucket into a series {@link Table#OTHER}, placed
 *       after all others in its bucket, and then {@code truncated} is true ({@code otherRow}
 *       stays false: those rows are not last).
 *   <li><b>top N f.</b> Columns {@code f} (STRING), {@code count} (LONG), {@code percent} (DOUBLE,
 *       100 × count / number of events that have f). Events without f are not counted. Rows
 *       ordered by count descending, then value ascending (String order); the first N.
 *   <li><b>fields</b> (no aggregation): one row per event in event order; types by {@link
 *       EventTable}.
 *   <li><b>Table stage.</b> The remaining pipes by {@link TableOps}; finally rows are cut to
 *       {@code maxRows}, setting {@code truncated}.
 * </ol>
 *
 * @throws IllegalArgumentException from {@link #evaluate} when the filter cannot be compiled (see
 *     {@link EventFilter}) or a table pipe names an unknown column
 */
public final class PlanEvaluator {
  private static final Comparator<LogEvent> NEWEST_FIRST =
      Comparator.comparingLong(LogEvent::timestamp).reversed();

  private PlanEvaluator() {}

  /** Evaluates {@code plan} over {@code events} (any order). */
  public static EvaluationResult evaluate(QueryPlan plan, Collection<LogEvent> events, EvaluationContext ctx) {
    Predicate<LogEvent> filter = EventFilter.compile(plan.filter(), ctx.now(), ctx.maxKeywordBytes());
    long from = ctx.from() == null ? Long.MIN_VALUE : AggregationTables.nanos(ctx.from());
    long to = ctx.to() == null ? Long.MAX_VALUE : AggregationTables.nanos(ctx.to());
    List<LogEvent> current = new ArrayList<>();
    for (LogEvent event : events) {
      boolean inRange = event.timestamp() >= from && (ctx.to() == null || event.timestamp() < to);
      if (inRange && filter.test(event)) {
        current.add(event);
      }
    }
    current.sort(NEWEST_FIRST);

    List<Pipe> pipes = plan.pipes();
    int tableStart = tableStart(plan);
    int eventEnd = tableStart >= 0 ? tableStart : pipes.size();
    long total = -1;
    for (int i = 0; i < eventEnd; i++) {
      if (pipes.get(i) instanceof HeadPipe && total < 0) {
        total = current.size();
      }
      current = EventStage.apply(current, pipes.get(i));
    }
    if (tableStart < 0) {
      List<LogEvent> limited = current.size() <= ctx.limit() ? current : current.subList(0, ctx.limit());
      return EvaluationResult.ofEvents(limited, total >= 0 ? total : current.size());
    }
    Table table = switch (pipes.get(tableStart)) {
      case StatsPipe stats -> AggregationTables.stats(stats, current, ctx);
      case TimechartPipe timechart -> AggregationTables.timechart(timechart, current, ctx);
      case TopPipe top -> AggregationTables.top(top, current, ctx);
      case FieldsPipe fields -> EventTable.of(current, fields.names());
      default -> throw new IllegalStateException("BUG: table starts at " + pipes.get(tableStart));
    };
    for (int i = tableStart + 1; i < pipes.size(); i++) {
      table = TableOps.apply(table, pipes.get(i));
    }
    return EvaluationResult.ofTable(TableOps.limitRows(table, ctx.maxRows()));
  }

  /** Index of the pipe that makes the table: the aggregating pipe, else the first fields; -1 for none. */
  static int tableStart(QueryPlan plan) {
    int aggregation = plan.aggregationIndex();
    if (aggregation >= 0) {
      return aggregation;
    }
    for (int i = 0; i < plan.pipes().size(); i++) {
      if (plan.pipes().get(i) instanceof FieldsPipe) {
        return i;
      }
    }
    return -1;
  }
}
