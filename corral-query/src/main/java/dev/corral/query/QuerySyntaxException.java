package dev.corral.query;

/**
 * A query that cannot be parsed. Carries the query text and the 0-based position of the
 * offending character so callers can draw a caret under it.
 */
public final class QuerySyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String query;
  private final int position;

  public QuerySyntaxException(String reason, String query, int position) {
    super(reason + " at position " + position);
    this.query = query;
    this.position = position;
  }

  public String query() {
    return query;
  }

  public int position() {
    return position;
  }

  /** The reason without the position suffix. */
  public String reason() {
    String message = getMessage();
    return message.substring(0, message.lastIndexOf(" at position "));
  }

  /** The query on one line and a caret under the offending character on the next. */
  public String caret() {
    return query + "\n" + " ".repeat(Math.max(0, position)) + "^";
  }
}
