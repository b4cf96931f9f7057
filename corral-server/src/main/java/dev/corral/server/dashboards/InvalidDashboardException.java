package dev.corral.server.dashboards;

import dev.corral.query.QuerySyntaxException;

/**
 * A dashboard definition that cannot be saved: what is wrong and where ({@code panels[2].query}).
 * For a query that does not parse, also the position and caret of the syntax error.
 */
public final class InvalidDashboardException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final transient QuerySyntaxException syntax;

  public InvalidDashboardException(String field, String reason) {
    this(field, reason, null);
  }

  public InvalidDashboardException(String field, String reason, QuerySyntaxException syntax) {
    super(field.isEmpty() ? reason : field + ": " + reason);
    this.field = field;
    this.syntax = syntax;
  }

  /** Where the problem is, as a JSON path ({@code panels[2].query}); empty for the whole body. */
  public String field() {
    return field;
  }

  /** The syntax error of a panel's query, or null. */
  public QuerySyntaxException syntax() {
    return syntax;
  }
}
