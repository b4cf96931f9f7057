package dev.corral.query.plan;

import java.util.Objects;

/** One key of {@code | sort}: a field or column, descending when written {@code -f}. */
public record SortKey(String name, boolean descending) {
  public SortKey {
    Objects.requireNonNull(name, "name");
  }
}
