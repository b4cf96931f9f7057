package dev.corral.query.expr;

/**
 * One token of an expression, with its place in the whole query text ({@code start} inclusive,
 * {@code end} exclusive).
 *
 * @param text for NAME the name (backticks removed), for STRING the content (escapes removed), for
 *     NUMBER and OPERATOR the text as typed
 * @param quoted for NAME: written in backticks, so never a keyword or a function
 */
record ExpressionToken(Kind kind, String text, int start, int end, boolean quoted) {
  enum Kind { NUMBER, STRING, NAME, LPAREN, RPAREN, COMMA, OPERATOR, END }

  boolean is(Kind other) {
    return kind == other;
  }

  boolean isOperator(String symbol) {
    return kind == Kind.OPERATOR && text.equals(symbol);
  }

  /** Whether this is the unquoted keyword (any case). */
  boolean isKeyword(String keyword) {
    return kind == Kind.NAME && !quoted && text.equalsIgnoreCase(keyword);
  }

  String describe() {
    return switch (kind) {
      case END -> start >= 0 && text.equals("|") ? "'|'" : "the end of the query";
      case STRING -> "\"" + text + "\"";
      case NAME -> quoted ? "`" + text + "`" : "'" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
