package dev.corral.query.plan;

import java.util.List;

/** {@code | fields a, b}: keep only these fields (events become a table) or columns. */
public record FieldsPipe(List<String> names) implements Pipe {
  public FieldsPipe {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("fields needs at least one name");
    }
  }
}
