package dev.corral.query.plan;

import java.util.Objects;

/**
 * One aggregation: a function over a field, producing the column {@code name}.
 *
 * @param function what to compute
 * @param field the field it reads; null only for {@code count()}
 * @param quantile for PERCENTILE, in [0, 1] (p95 is 0.95); NaN otherwise
 * @param name the output column, as the user wrote it (e.g. {@code count()},
 *     {@code p95(performance.duration_ms)}) or its {@code as} alias
 */
public record Aggregation(AggFunction function, String field, double quantile, String name) {
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
}
