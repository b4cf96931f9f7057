package dev.corral.query.agg;

import dev.corral.model.FieldNames;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.resolve.FullTextRefusal;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * What an aggregating pipe ({@code stats}, {@code timechart}, {@code top}) computes, resolved once
 * for every back end: the group key of each event (an optional time bucket plus the by-fields'
 * values), the aggregations fed per group, and the table the groups become ({@link #table}). A
 * back end only reads each event's values and feeds a {@link GroupTable}.
 *
 * @param pipe the aggregating pipe
 * @param by the by-fields as written (read after {@link FieldNames#canonical})
 * @param spanNanos time bucket width in ns, or 0 for no buckets (and for a timechart whose span is
 *     still to be chosen: {@link #needsAutoSpan})
 * @param aggregations fed per group, in order
 * @param skipMissingBy whether events lacking a by-field are left out of every group ({@code top});
 *     otherwise they form the group whose value is null
 * @param visibility fields hidden by an earlier {@code | fields} read as missing
 */
public record Grouping(Pipe pipe, List<String> by, long spanNanos, List<Aggregation> aggregations,
    boolean skipMissingBy, VisibleFields visibility) {
  public Grouping {
    by = List.copyOf(by);
    aggregations = List.copyOf(aggregations);
    if (spanNanos < 0) {
      throw new IllegalArgumentException("BUG: negative span " + spanNanos);
    }
  }

  /**
   * The grouping of an aggregating pipe. The span of a timechart is its {@code span=} ({@link
   * AutoSpan#nanos}); without one the back end chooses it ({@link #needsAutoSpan}).
   *
   * @throws IllegalArgumentException for a full-text by- or aggregated field (by-fields first,
   *     {@link FullTextRefusal#checkAggregate}), before any event is read, or a span out of range
   */
  public static Grouping of(Pipe pipe, VisibleFields visibility) {
    Grouping grouping = switch (pipe) {
      case StatsPipe stats -> new Grouping(pipe, stats.by(), 0, stats.aggregations(), false, visibility);
      case TimechartPipe chart -> new Grouping(pipe, chart.by() == null ? List.of() : List.of(chart.by()),
          chart.span() == null ? 0 : AutoSpan.nanos(chart.span()), chart.aggregations(), false, visibility);
      case TopPipe top -> new Grouping(pipe, List.of(top.field()), 0, List.of(), true, visibility);
      default -> throw new IllegalStateException("BUG: " + pipe + " does not aggregate");
    };
    grouping.fieldsToRead().forEach(FullTextRefusal::checkAggregate);
    return grouping;
  }

  /** Whether this is a timechart without {@code span=}: the back end picks one by {@link AutoSpan}. */
  public boolean needsAutoSpan() {
    return pipe instanceof TimechartPipe && spanNanos == 0;
  }

  /** This grouping with the span a back end chose. */
  public Grouping withSpanNanos(long span) {
    return new Grouping(pipe, by, span, aggregations, skipMissingBy, visibility);
  }

  /** The distinct canonical fields to read: by-fields first, then aggregation fields. */
  public List<String> fieldsToRead() {
    List<String> fields = new ArrayList<>();
    for (String field : by) {
      addOnce(fields, FieldNames.canonical(field));
    }
    for (Aggregation aggregation : aggregations) {
      if (aggregation.field() != null) {
        addOnce(fields, FieldNames.canonical(aggregation.field()));
      }
    }
    return fields;
  }

  /**
   * The result table of the groups: {@link StatsTable} for stats (group cap {@link
   * GroupCap#statsCap}) and timechart (cap {@code maxGroups} on its series), {@link TopTable} for
   * top.
   */
  public Table table(GroupTable groups, int maxGroups, int maxRows) {
    return switch (pipe) {
      case StatsPipe stats -> StatsTable.build(groups, by, false, GroupCap.statsCap(maxGroups, maxRows));
      case TimechartPipe chart -> StatsTable.build(groups, by, true, maxGroups);
      case TopPipe top -> TopTable.build(groups, top.field(), top.count());
      default -> throw new IllegalStateException("BUG: " + pipe + " does not aggregate");
    };
  }

  private static void addOnce(List<String> fields, String field) {
    if (!fields.contains(field)) {
      fields.add(field);
    }
  }
}
