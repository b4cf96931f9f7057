package dev.corral.query.ast;

import java.util.Objects;

/** Matches when the clause does not. */
public record Not(Query clause) implements Query {
  public Not {
    Objects.requireNonNull(clause, "clause");
  }
}
