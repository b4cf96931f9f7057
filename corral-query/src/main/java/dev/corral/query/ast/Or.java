package dev.corral.query.ast;

import java.util.List;

/** Matches when any clause matches. Has at least two clauses. */
public record Or(List<Query> clauses) implements Query {
  public Or {
    clauses = List.copyOf(clauses);
    if (clauses.size() < 2) {
      throw new IllegalArgumentException("Or needs at least two clauses, got " + clauses.size());
    }
  }
}
