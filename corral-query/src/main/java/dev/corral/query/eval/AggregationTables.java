package dev.corral.query.eval;

import dev.corral.model.LogEvent;
import dev.corral.query.agg.Accumulator;
import dev.corral.query.agg.Accumulators;
import dev.corral.query.agg.CappedGroups;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.AutoSpan;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import dev.corral.model.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the table of an aggregating pipe from events; the rules are on {@link PlanEvaluator}. */
final class AggregationTables {
  private AggregationTables() {}

  static Table stats(StatsPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    checkFields(pipe.by(), pipe.aggregations());
    CappedGroups groups = new CappedGroups(pipe.aggregations(), CappedGroups.statsCap(ctx.maxGroups(), ctx.maxRows()));
    if (pipe.by().isEmpty()) {
      groups.touch(GroupKey.NONE);
    }
    for (LogEvent event : events) {
      List<String> key = new ArrayList<>(pipe.by().size());
      for (String field : pipe.by()) {
        key.add(FieldValues.groupText(field, FieldValues.aggregated(event, field, ctx.maxKeywordBytes())));
      }
      feed(groups.accumulators(new GroupKey(key)), pipe.aggregations(), event, ctx);
    }
    List<Column> columns = new ArrayList<>();
    for (String field : pipe.by()) {
      columns.add(new Column(field, ColumnType.STRING));
    }
    addAggregationColumns(columns, pipe.aggregations());
    List<List<Object>> rows = new ArrayList<>();
    groups.groups().forEach((key, accumulators) -> rows.add(row(new ArrayList<>(key.values()), accumulators)));
    Accumulator[] other = groups.otherGroup();
    if (other != null) {
      List<Object> cells = new ArrayList<>();
      pipe.by().forEach(f -> cells.add(Table.OTHER));
      rows.add(row(cells, other));
    }
    return new Table(columns, rows, other != null, other != null);
  }

  /** A timechart row's key: its bucket, then its by value (null: missing), "other" last. */
  private record SeriesKey(long bucket, String value, boolean other) {
    static final Comparator<SeriesKey> ORDER = Comparator.comparingLong(SeriesKey::bucket)
        .thenComparing(SeriesKey::other)
        .thenComparing(SeriesKey::value, GroupKey::compareValues);
  }

  static Table timechart(TimechartPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    checkFields(pipe.by() == null ? List.of() : List.of(pipe.by()), pipe.aggregations());
    Duration span = pipe.span() != null ? pipe.span() : autoSpan(events, ctx);
    String by = pipe.by();
    Set<String> kept = by == null ? null : keptSeries(by, events, ctx);
    TreeMap<SeriesKey, Accumulator[]> series = new TreeMap<>(SeriesKey.ORDER);
    boolean merged = false;
    for (LogEvent event : events) {
      long bucket = AutoSpan.bucketStart(event.timestamp(), span);
      SeriesKey key;
      if (by == null) {
        key = new SeriesKey(bucket, null, false);
      } else {
        String value = FieldValues.groupText(by, FieldValues.aggregated(event, by, ctx.maxKeywordBytes()));
        boolean other = !kept.contains(value);
        merged |= other;
        key = new SeriesKey(bucket, other ? Table.OTHER : value, other);
      }
      Accumulator[] accumulators = series.computeIfAbsent(key, k -> create(pipe.aggregations()));
      feed(accumulators, pipe.aggregations(), event, ctx);
    }
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("timestamp", ColumnType.TIMESTAMP));
    if (by != null) {
      columns.add(new Column(by, ColumnType.STRING));
    }
    addAggregationColumns(columns, pipe.aggregations());
    List<List<Object>> rows = new ArrayList<>();
    series.forEach((key, accumulators) -> {
      List<Object> cells = new ArrayList<>();
      cells.add(key.bucket());
      if (by != null) {
        cells.add(key.value());
      }
      rows.add(row(cells, accumulators));
    });
    return new Table(columns, rows, merged, false);
  }

  /**
   * The by-values that are series of their own: all of them, or beyond {@code maxGroups} values
   * the {@code maxGroups} with the most events over the whole result (ties: value ascending, null
   * last), by {@link CappedGroups#kept}. The set holds null for the series of events without the
   * field.
   */
  private static Set<String> keptSeries(String by, List<LogEvent> events, EvaluationContext ctx) {
    Map<String, Long> counts = new HashMap<>();
    for (LogEvent event : events) {
      counts.merge(FieldValues.groupText(by, FieldValues.aggregated(event, by, ctx.maxKeywordBytes())), 1L, Long::sum);
    }
    Set<String> kept = CappedGroups.kept(counts, ctx.maxGroups(), GroupKey::compareValues);
    return kept != null ? kept : counts.keySet();
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

  private static Duration autoSpan(List<LogEvent> events, EvaluationContext ctx) {
    if (ctx.from() != null && ctx.to() != null && ctx.from().isBefore(ctx.to())) {
      return AutoSpan.choose(nanos(ctx.from()), nanos(ctx.to()) - 1);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (LogEvent event : events) {
      min = Math.min(min, event.timestamp());
      max = Math.max(max, event.timestamp());
    }
    return events.isEmpty() ? AutoSpan.SPANS.get(0) : AutoSpan.choose(min, max);
  }

  static long nanos(java.time.Instant instant) {
    try {
      return Timestamps.toNanos(instant);
    } catch (ArithmeticException e) {
      return instant.isBefore(java.time.Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static Table top(TopPipe pipe, List<LogEvent> events, EvaluationContext ctx) {
    FullTextRefusal.checkAggregate(pipe.field());
    Map<String, Long> counts = new HashMap<>();
    long withField = 0;
    for (LogEvent event : events) {
      Object value = FieldValues.aggregated(event, pipe.field(), ctx.maxKeywordBytes());
      if (value != null) {
        withField++;
        counts.merge(FieldValues.groupText(pipe.field(), value), 1L, Long::sum);
      }
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(pipe.count(), entries.size()))) {
      rows.add(List.of(entry.getKey(), entry.getValue(), 100.0 * entry.getValue() / withField));
    }
    List<Column> columns = List.of(new Column(pipe.field(), ColumnType.STRING),
        new Column("count", ColumnType.LONG), new Column("percent", ColumnType.DOUBLE));
    return new Table(columns, rows, false, false);
  }

  private static Accumulator[] create(List<Aggregation> aggregations) {
    Accumulator[] accumulators = new Accumulator[aggregations.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = Accumulators.create(aggregations.get(i));
    }
    return accumulators;
  }

  private static void feed(Accumulator[] accumulators, List<Aggregation> aggregations, LogEvent event,
      EvaluationContext ctx) {
    for (int i = 0; i < accumulators.length; i++) {
      String field = aggregations.get(i).field();
      if (field == null) {
        accumulators[i].addEvent();
      } else {
        FieldValues.feed(accumulators[i], FieldValues.aggregated(event, field, ctx.maxKeywordBytes()));
      }
    }
  }

  private static void addAggregationColumns(List<Column> columns, List<Aggregation> aggregations) {
    for (Aggregation aggregation : aggregations) {
      columns.add(new Column(aggregation.name(), Accumulators.create(aggregation).resultType()));
    }
  }

  private static List<Object> row(List<Object> cells, Accumulator[] accumulators) {
    for (Accumulator accumulator : accumulators) {
      cells.add(accumulator.result());
    }
    return cells;
  }
}
