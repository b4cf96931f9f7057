package dev.corral.query.plan;

import java.util.List;

/** {@code | sort [-]a, [-]b}: order events by fields, or table rows by columns. */
public record SortPipe(List<SortKey> keys) implements Pipe {
  public SortPipe {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("sort needs at least one key");
    }
  }
}
