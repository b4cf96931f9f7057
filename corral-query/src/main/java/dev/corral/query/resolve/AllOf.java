package dev.corral.query.resolve;

import java.util.List;

/** Matches when every clause matches; a {@link Negated} clause must not match. At least two clauses. */
public record AllOf(List<TypedFilter> clauses) implements TypedFilter {
  public AllOf {
    clauses = List.copyOf(clauses);
    if (clauses.size() < 2) {
      throw new IllegalArgumentException("AllOf needs at least two clauses, got " + clauses.size());
    }
  }
}
