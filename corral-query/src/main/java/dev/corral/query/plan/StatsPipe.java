package dev.corral.query.plan;

import java.util.List;

/**
 * {@code | stats agg[, agg…] [by f1, f2]}: one row per distinct combination of the {@code by}
 * fields (one row overall without them); columns are the by fields then the aggregations.
 */
public record StatsPipe(List<Aggregation> aggregations, List<String> by) implements Pipe {
  public StatsPipe {
    aggregations = List.copyOf(aggregations);
    by = List.copyOf(by);
    if (aggregations.isEmpty()) {
      throw new IllegalArgumentException("stats needs at least one aggregation");
    }
  }

  @Override
  public boolean aggregates() {
    return true;
  }
}
