package dev.corral.server.search;

import dev.corral.query.QuerySyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request of an admin API (a retention policy, an erasure) that cannot be used, naming the field
 * ({@code max_age}, {@code rules[2].match}, {@code query}) and the problem; for a filter that does
 * not parse, the query language's error with its position (and caret). Nothing was changed.
 */
public final class InvalidFieldException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final transient QuerySyntaxException syntax;

  /** @param syntax the filter's parse error, or null when the problem is not one */
  public InvalidFieldException(String field, String problem, QuerySyntaxException syntax) {
    super(field + ": " + problem);
    this.field = field;
    this.syntax = syntax;
  }

  /** The field at fault. */
  public String field() {
    return field;
  }

  /** The filter's parse error, or null. */
  public QuerySyntaxException syntax() {
    return syntax;
  }

  /** The details of a 400 answer: {@code field}, and for a parse error its position and caret. */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", field);
    return syntax == null ? details : QueryFailures.syntaxDetails(syntax, details);
  }
}
