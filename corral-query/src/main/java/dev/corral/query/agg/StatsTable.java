package dev.corral.query.agg;

import dev.corral.model.FieldNames;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of {@code | stats aggs by f1, f2} and of {@code | timechart}: one row per group, columns
 * {@code [timestamp,] by-fields…, aggregations…}.
 *
 * <p>Rows are ordered by bucket (timechart), then by-values ascending ({@link String#compareTo},
 * nulls last). Without by-fields, stats has exactly one row, even over no events; timechart has
 * one row per bucket that holds events. Group cap: when the by-values (for timechart: the series,
 * i.e. by-values over all buckets) outnumber {@code maxGroups}, those with the most events stay
 * ({@link GroupCap}) and the others fold into rows whose by-columns are {@link Table#OTHER}, placed
 * after the other rows (of their bucket); the table is then marked truncated, and for stats also
 * {@code otherRow} (a timechart's other rows are not last, so it leaves {@code otherRow} false).
 * Stateless.
 */
public final class StatsTable {
  private StatsTable() {}

  /**
   * @param by by-columns as written
   * @param timechart whether the first column is the bucket's {@code timestamp}
   */
  public static Table build(GroupTable table, List<String> by, boolean timechart, int maxGroups) {
    List<Aggregation> aggregations = table.aggregations();
    Map<GroupKey, Group> groups = new HashMap<>(table.groups());
    if (!timechart && by.isEmpty() && groups.isEmpty()) {
      groups.put(GroupKey.of(0), new Group(aggregations));
    }
    Set<List<String>> kept = by.isEmpty() ? null : GroupCap.kept(eventsByValue(groups), maxGroups);
    List<Map.Entry<GroupKey, Group>> rows = new ArrayList<>();
    Map<Long, Group> otherByBucket = new HashMap<>();
    for (Map.Entry<GroupKey, Group> entry : groups.entrySet()) {
      if (kept == null || kept.contains(entry.getKey().values())) {
        rows.add(entry);
      } else {
        otherByBucket.computeIfAbsent(entry.getKey().bucket(), b -> new Group(aggregations)).merge(entry.getValue());
      }
    }
    rows.sort(Map.Entry.comparingByKey(GroupKey.ASCENDING));
    List<String> otherValues = Collections.nCopies(by.size(), Table.OTHER);
    for (Map.Entry<Long, Group> other : otherByBucket.entrySet()) {
      rows.add(Map.entry(new GroupKey(other.getKey(), otherValues), other.getValue()));
    }
    if (timechart) {
      // stable: within a bucket, the other row stays after the kept ones
      rows.sort(Map.Entry.comparingByKey(java.util.Comparator.comparingLong(GroupKey::bucket)));
    }
    List<List<Object>> cells = new ArrayList<>(rows.size());
    for (Map.Entry<GroupKey, Group> row : rows) {
      cells.add(row(row.getKey(), row.getValue(), timechart));
    }
    boolean folded = !otherByBucket.isEmpty();
    // timechart: the other rows sit inside their buckets, not last, so they are no otherRow
    return new Table(columns(aggregations, by, timechart), cells, folded, folded && !timechart);
  }

  private static Map<List<String>, Long> eventsByValue(Map<GroupKey, Group> groups) {
    Map<List<String>, Long> events = new HashMap<>();
    for (Map.Entry<GroupKey, Group> entry : groups.entrySet()) {
      events.merge(entry.getKey().values(), entry.getValue().events(), Long::sum);
    }
    return events;
  }

  private static List<Object> row(GroupKey key, Group group, boolean timechart) {
    List<Object> row = new ArrayList<>();
    if (timechart) {
      row.add(key.bucket());
    }
    row.addAll(key.values());
    for (int i = 0; i < group.size(); i++) {
      row.add(group.accumulator(i).result());
    }
    return row;
  }

  private static List<Column> columns(List<Aggregation> aggregations, List<String> by, boolean timechart) {
    List<Column> columns = new ArrayList<>();
    if (timechart) {
      columns.add(new Column(FieldNames.TIMESTAMP, ColumnType.TIMESTAMP));
    }
    for (String field : by) {
      columns.add(new Column(field, ColumnType.STRING));
    }
    for (Aggregation aggregation : aggregations) {
      columns.add(new Column(aggregation.name(), Accumulators.create(aggregation).resultType()));
    }
    return columns;
  }
}
