package dev.corral.query.ast;

import java.util.List;

/** Matches when every clause matches. Has at least two clauses. */
public record And(List<Query> clauses) implements Query {
  public And {
    clauses = List.copyOf(clauses);
    if (clauses.size() < 2) {
      throw new IllegalArgumentException("And needs at least two clauses, got " + clauses.size());
    }
  }
}
