package dev.corral.query.resolve;

import java.util.List;

/** Matches when any clause matches. At least two clauses. */
public record AnyOf(List<TypedFilter> clauses) implements TypedFilter {
  public AnyOf {
    clauses = List.copyOf(clauses);
    if (clauses.size() < 2) {
      throw new IllegalArgumentException("AnyOf needs at least two clauses, got " + clauses.size());
    }
  }
}
