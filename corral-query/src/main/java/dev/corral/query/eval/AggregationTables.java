package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.RangeBounds;
import dev.corral.query.agg.Group;
import dev.corral.query.agg.GroupCap;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.StatsTable;
import dev.corral.query.agg.TopTable;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.query.table.Table;
import java.util.List;

/**
 * Builds the table of an aggregating pipe from events: each event's {@link GroupKey} is computed
 * here and fed into a {@link GroupTable}; the table comes from the {@link StatsTable} and {@link
 * TopTable} the store uses too. The rules are on {@link PlanEvaluator}.
 */
final class AggregationTables {
  /** The evaluator holds the events anyway; its groups are not bounded apart from them. */
  private static final long NO_MEMORY_BOUND = Long.MAX_VALUE;

  private AggregationTables() {}

  static Table stats(StatsPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    checkFields(pipe.by(), pipe.aggregations());
    GroupTable groups = group(events, pipe.by(), 0, pipe.aggregations(), false, ctx);
    return StatsTable.build(groups, pipe.by(), false, GroupCap.statsCap(ctx.maxGroups(), ctx.maxRows()));
  }

  static Table timechart(TimechartPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    List<String> by = pipe.by() == null ? List.of() : List.of(pipe.by());
    checkFields(by, pipe.aggregations());
    long span = pipe.span() != null ? AutoSpan.nanos(pipe.span()) : autoSpan(events, ctx);
    return StatsTable.build(group(events, by, span, pipe.aggregations(), false, ctx), by, true, ctx.maxGroups());
  }

  static Table top(TopPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    FullTextRefusal.checkAggregate(pipe.field());
    GroupTable groups = group(events, List.of(pipe.field()), 0, List.of(), true, ctx);
    return TopTable.build(groups, pipe.field(), pipe.count());
  }

  /**
   * The groups of {@code events}: key = bucket (when {@code spanNanos > 0}) and the group text of
   * each by-field; every event counts in its group and feeds each aggregation.
   *
   * @param skipMissingBy whether events lacking a by-field are left out ({@code top})
   */
  private static GroupTable group(List<LogEvent> events, List<String> by, long spanNanos,
      List<Aggregation> aggregations, boolean skipMissingBy, EvaluationContext ctx) {
    GroupTable table = new GroupTable(aggregations, NO_MEMORY_BOUND, 0);
    int keywordBytes = ctx.maxKeywordBytes();
    events:
    for (LogEvent event : events) {
      String[] values = new String[by.size()];
      for (int i = 0; i < values.length; i++) {
        Object value = FieldValues.aggregated(event, by.get(i), keywordBytes);
        if (value == null && skipMissingBy) {
          continue events;
        }
        values[i] = FieldValues.groupText(by.get(i), value);
      }
      long bucket = spanNanos > 0 ? AutoSpan.bucketStart(event.timestamp(), spanNanos) : 0;
      Group group = table.group(GroupKey.of(bucket, values));
      group.countEvent();
      for (int a = 0; a < aggregations.size(); a++) {
        String field = aggregations.get(a).field();
        if (field == null) {
          group.accumulator(a).addEvent();
        } else {
          FieldValues.feed(group.accumulator(a), FieldValues.aggregated(event, field, keywordBytes));
        }
      }
    }
    return table;
  }

  /**
   * Refuses full-text fields, by-fields first, then aggregation fields, as the store checks them
   * ({@link FullTextRefusal#checkAggregate}).
   */
  private static void checkFields(List<String> by, List<Aggregation> aggregations) {
    by.forEach(FullTextRefusal::checkAggregate);
    for (Aggregation aggregation : aggregations) {
      if (aggregation.field() != null) {
        FullTextRefusal.checkAggregate(aggregation.field());
      }
    }
  }

  /** {@link AutoSpan} over the context's range when it has both ends, else over the events. */
  private static long autoSpan(List<LogEvent> events, EvaluationContext ctx) {
    if (ctx.from() != null && ctx.to() != null && ctx.from().isBefore(ctx.to())) {
      return AutoSpan.choose(RangeBounds.saturatedNanos(ctx.from()), RangeBounds.saturatedNanos(ctx.to()) - 1).toNanos();
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (LogEvent event : events) {
      min = Math.min(min, event.timestamp());
      max = Math.max(max, event.timestamp());
    }
    return (events.isEmpty() ? AutoSpan.SPANS.get(0) : AutoSpan.choose(min, max)).toNanos();
  }

}
