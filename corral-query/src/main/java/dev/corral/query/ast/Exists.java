package dev.corral.query.ast;

import java.util.Objects;

/** {@code field:*}: the event has the field, whatever its value. */
public record Exists(String field) implements Query {
  public Exists {
    Objects.requireNonNull(field, "field");
  }
}
