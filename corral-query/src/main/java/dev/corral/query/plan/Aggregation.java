package dev.corral.query.plan;

import dev.corral.query.ast.Query;
import java.util.Objects;

/**
 * One aggregation: a function over a field, producing the column {@code name}, fed by the events
 * of a group that match its filter.
 *
 * @param function what to compute
 * @param field the field it reads; null only for {@code count()}
 * @param quantile for PERCENTILE, in [0, 1] (p95 is 0.95); NaN otherwise
 * @param name the output column, as the user wrote it (e.g. {@code count()},
 *     {@code p95(performance.duration_ms)}, {@code count(level:ERROR)}) or its {@code as} alias
 * @param filter a conditional aggregate's filter ({@code count(level:ERROR)}, {@code sum(bytes)
 *     if (status:>=500)}): only the group's events that match it feed the aggregation; null for
 *     every event of the group
 */
public record Aggregation(AggFunction function, String field, double quantile, String name, Query filter) {
  public Aggregation {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(name, "name");
    if (field == null && function != AggFunction.COUNT) {
      throw new IllegalArgumentException(function + " needs a field");
    }
    if (function == AggFunction.PERCENTILE && !(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
    }
  }

  /** An aggregation of every event of its group. */
  public Aggregation(AggFunction function, String field, double quantile, String name) {
    this(function, field, quantile, name, null);
  }

  /** This aggregation under another column name. */
  public Aggregation named(String alias) {
    return new Aggregation(function, field, quantile, alias, filter);
  }

  /** This aggregation fed only by the events that match {@code condition}. */
  public Aggregation where(Query condition, String newName) {
    return new Aggregation(function, field, quantile, newName, condition);
  }
}
