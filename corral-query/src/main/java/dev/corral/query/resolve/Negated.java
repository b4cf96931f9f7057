package dev.corral.query.resolve;

import java.util.Objects;

/** Matches when the clause does not. */
public record Negated(TypedFilter clause) implements TypedFilter {
  public Negated {
    Objects.requireNonNull(clause, "clause");
  }
}
