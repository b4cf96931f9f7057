package dev.corral.query.table;

import java.util.Objects;

/** A named, typed column of a {@link Table}. */
public record Column(String name, ColumnType type) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
