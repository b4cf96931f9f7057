package dev.corral.opensearch.query;

import dev.corral.query.agg.GroupTable;
import dev.corral.query.agg.Grouping;
import dev.corral.query.table.Table;

/**
 * The groups OpenSearch's aggregations computed: Corral's accumulators for the exact functions, and the
 * sketches' values beside them.
 */
record PushedGroups(GroupTable table, SketchResults sketches) {
  /**
   * The result table, made by Corral ({@link Grouping#table}), with the sketches' cells filled in.
   *
   * @throws IllegalArgumentException when groups fold into an "other" row, whose sketch OpenSearch did not compute
   */
  Table build(Grouping grouping, int maxGroups, int maxRows) {
    Table built = grouping.table(table, maxGroups, maxRows);
    return AggregationPushdown.sketched(grouping) ? sketches.fill(built, grouping) : built;
  }
}
