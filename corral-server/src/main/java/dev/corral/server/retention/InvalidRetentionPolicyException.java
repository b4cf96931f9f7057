package dev.corral.server.retention;

import dev.corral.query.QuerySyntaxException;

/**
 * A retention policy that cannot be used, naming the field ({@code max_age}, {@code rules[2].match})
 * and the problem; for a rule whose match does not parse, the query language's error with its
 * position (and caret).
 */
public final class InvalidRetentionPolicyException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final transient QuerySyntaxException syntax;

  InvalidRetentionPolicyException(String field, String problem, QuerySyntaxException syntax) {
    super(field + ": " + problem);
    this.field = field;
    this.syntax = syntax;
  }

  /** The field at fault, e.g. {@code rules[0].match}. */
  public String field() {
    return field;
  }

  /** The parse error of a rule's match, or null. */
  public QuerySyntaxException syntax() {
    return syntax;
  }
}
