package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.RangeBounds;
import dev.corral.query.agg.Group;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.Grouping;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.Pipe;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds the table of an aggregating pipe from events: the {@link Grouping} (shared with the
 * store) says what to group and aggregate; each event's {@link GroupKey} and values are read here
 * and fed into a {@link GroupTable}, which the grouping turns into the table. The rules are on
 * {@link PlanEvaluator}.
 */
final class AggregationTables {
  /** The evaluator holds the events anyway; its groups are not bounded apart from them. */
  private static final long NO_MEMORY_BOUND = Long.MAX_VALUE;

  private AggregationTables() {}

  /** @param visible the fields the event stage left: hidden ones read as missing */
  static Table of(Pipe pipe, List<LogEvent> events, VisibleFields visible, EvaluationContext ctx) {
    Grouping grouping = Grouping.of(pipe, visible);
    if (grouping.needsAutoSpan()) {
      grouping = grouping.withSpanNanos(autoSpan(events, ctx));
    }
    return grouping.table(group(events, grouping, ctx), ctx.maxGroups(), ctx.maxRows());
  }

  /**
   * The groups of {@code events}: key = bucket (when the grouping has a span) and the group text of
   * each by-field; every event counts in its group and feeds each aggregation whose filter (a
   * conditional aggregate's) it matches.
   */
  private static GroupTable group(List<LogEvent> events, Grouping grouping, EvaluationContext ctx) {
    List<String> by = grouping.by();
    List<Aggregation> aggregations = grouping.aggregations();
    GroupTable table = new GroupTable(aggregations, NO_MEMORY_BOUND, 0);
    List<Predicate<LogEvent>> conditions = new ArrayList<>(aggregations.size());
    for (Aggregation aggregation : aggregations) {
      conditions.add(aggregation.filter() == null ? null
          : EventFilter.compile(aggregation.filter(), ctx.now(), ctx.maxKeywordBytes()));
    }
    events:
    for (LogEvent event : events) {
      String[] values = new String[by.size()];
      for (int i = 0; i < values.length; i++) {
        Object value = value(event, by.get(i), grouping, ctx);
        if (value == null && grouping.skipMissingBy()) {
          continue events;
        }
        values[i] = FieldValues.groupText(by.get(i), value);
      }
      long span = grouping.spanNanos();
      Group group = table.group(GroupKey.of(span > 0 ? AutoSpan.bucketStart(event.timestamp(), span) : 0, values));
      group.countEvent();
      for (int a = 0; a < aggregations.size(); a++) {
        if (conditions.get(a) != null && !conditions.get(a).test(event)) {
          continue;
        }
        String field = aggregations.get(a).field();
        if (field == null) {
          group.accumulator(a).addEvent();
        } else {
          FieldValues.feed(group.accumulator(a), value(event, field, grouping, ctx));
        }
      }
    }
    return table;
  }

  /** A field's value as the store's doc values hold it; null when hidden by {@code | fields}. */
  private static Object value(LogEvent event, String field, Grouping grouping, EvaluationContext ctx) {
    return grouping.visibility().isVisible(field) ? FieldValues.aggregated(event, field, ctx.maxKeywordBytes()) : null;
  }

  /** {@link AutoSpan} over the context's range when it has both ends, else over the events. */
  private static long autoSpan(List<LogEvent> events, EvaluationContext ctx) {
    if (ctx.from() != null && ctx.to() != null && ctx.from().isBefore(ctx.to())) {
      return AutoSpan.choose(RangeBounds.saturatedNanos(ctx.from()), RangeBounds.saturatedNanos(ctx.to()) - 1)
          .toNanos();
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
