package dev.corral.server.erasure;

import dev.corral.query.QuerySyntaxException;

/**
 * An erasure request that is refused, naming the field ({@code query}, {@code from}, {@code
 * confirm_all}) and the problem; for a query that does not parse, the query language's error with
 * its position (and caret). Nothing was deleted.
 */
public final class InvalidErasureException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final transient QuerySyntaxException syntax;

  InvalidErasureException(String field, String problem, QuerySyntaxException syntax) {
    super(field + ": " + problem);
    this.field = field;
    this.syntax = syntax;
  }

  /** The field at fault. */
  public String field() {
    return field;
  }

  /** The parse error of the query, or null. */
  public QuerySyntaxException syntax() {
    return syntax;
  }
}
