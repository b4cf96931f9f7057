package dev.corral.query.agg;

import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The table of {@code | top N f}: columns {@code f} (STRING), {@code count} (LONG) and {@code
 * percent} (DOUBLE, 100 × count / events that have {@code f}); the N values with the most events,
 * count descending then value ascending. Events without {@code f} count nowhere. Stateless.
 */
public final class TopTable {
  public static final String COUNT = "count";
  public static final String PERCENT = "percent";

  private TopTable() {}

  public static Table build(GroupTable table, String field, int n) {
    List<Map.Entry<GroupKey, Group>> groups = new ArrayList<>(table.groups().entrySet());
    long withField = 0;
    for (Map.Entry<GroupKey, Group> group : groups) {
      withField += group.getValue().events();
    }
    groups.sort(Comparator.<Map.Entry<GroupKey, Group>>comparingLong(e -> e.getValue().events()).reversed()
        .thenComparing(e -> e.getKey().values().get(0)));
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<GroupKey, Group> group : groups.subList(0, Math.min(n, groups.size()))) {
      long count = group.getValue().events();
      rows.add(List.of(group.getKey().values().get(0), count, 100.0 * count / withField));
    }
    return new Table(List.of(new Column(field, ColumnType.STRING), new Column(COUNT, ColumnType.LONG),
        new Column(PERCENT, ColumnType.DOUBLE)), rows, false, false);
  }
}
