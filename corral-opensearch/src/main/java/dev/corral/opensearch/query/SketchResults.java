package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.query.agg.GroupKey;
import dev.corral.query.agg.Grouping;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of OpenSearch's sketches per group, when {@code count_distinct} and percentiles are pushed
 * down (past the row bound of what Corral computes after the fetch): {@code cardinality} and TDigest
 * {@code percentiles}, put into the cells of Corral's table. A group that several composite buckets make
 * (a by-value held as a string in some events and a number in others) gets the sum of their distinct
 * counts and the count-weighted mean of their percentiles: both approximations, as the sketches are. Not
 * thread-safe; one per query.
 */
final class SketchResults {
  private final List<Aggregation> aggregations;
  private final Map<GroupKey, Cell[]> cells = new HashMap<>();

  SketchResults(List<Aggregation> aggregations) {
    this.aggregations = aggregations;
  }

  /** A running value: the value so far and the events behind it. */
  private record Cell(double value, long events) {}

  /** Adds the sketch of aggregation {@code a} of one bucket of {@code key}'s group. */
  void add(GroupKey key, int a, JsonNode metric, long events) {
    Double value = switch (aggregations.get(a).function()) {
      case COUNT_DISTINCT -> metric.path("value").asDouble();
      case PERCENTILE -> {
        JsonNode v = metric.path("values").path(0).path("value");
        yield v.isNumber() ? v.asDouble() : null; // no numbers in the bucket
      }
      default -> throw new IllegalStateException("BUG: " + aggregations.get(a).function() + " is no sketch");
    };
    if (value == null) {
      return;
    }
    Cell[] row = cells.computeIfAbsent(key, k -> new Cell[aggregations.size()]);
    Cell old = row[a];
    if (old == null) {
      row[a] = new Cell(value, events);
    } else if (aggregations.get(a).function() == AggFunction.COUNT_DISTINCT) {
      row[a] = new Cell(old.value() + value, old.events() + events);
    } else {
      long total = old.events() + events;
      row[a] = new Cell((old.value() * old.events() + value * events) / Math.max(1, total), total);
    }
  }

  /** {@code table} with each sketch column's cell set from the sketch of its row's group. */
  Table fill(Table table, Grouping grouping) {
    boolean timechart = grouping.pipe() instanceof TimechartPipe;
    int byStart = timechart ? 1 : 0;
    int by = grouping.by().size();
    int first = byStart + by;
    List<List<Object>> rows = new ArrayList<>(table.rows().size());
    for (List<Object> row : table.rows()) {
      List<String> values = new ArrayList<>(by);
      for (int i = byStart; i < first; i++) {
        values.add((String) row.get(i));
      }
      if (by > 0 && values.stream().allMatch(Table.OTHER::equals)) {
        throw new IllegalArgumentException("count_distinct and percentiles over more events than Corral fetches are "
            + "computed by OpenSearch per group, and this query has more groups than the group limit ("
            + "search.max_groups): the groups beyond it cannot be merged into one; add a filter or group by fewer values");
      }
      long bucket = timechart ? (Long) row.get(0) : 0;
      Cell[] sketch = cells.get(new GroupKey(bucket, values));
      List<Object> filled = new ArrayList<>(row);
      for (int a = 0; a < aggregations.size(); a++) {
        AggFunction function = aggregations.get(a).function();
        if (function == AggFunction.COUNT_DISTINCT) {
          filled.set(first + a, sketch == null || sketch[a] == null ? 0L : Math.round(sketch[a].value()));
        } else if (function == AggFunction.PERCENTILE) {
          filled.set(first + a, sketch == null || sketch[a] == null ? null : sketch[a].value());
        }
      }
      rows.add(filled);
    }
    return new Table(table.columns(), rows, table.truncated(), table.otherRow());
  }
}
