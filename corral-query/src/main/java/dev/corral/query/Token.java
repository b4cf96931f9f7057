package dev.corral.query;

import java.util.Objects;

/**
 * One token of a query: its type, its text (see {@link TokenType} for what the text holds for
 * each type) and its place in the query, {@code start} inclusive and {@code end} exclusive.
 */
record Token(TokenType type, String text, int start, int end) {
  Token {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("token span [" + start + ", " + end + ") is not a span");
    }
  }

  boolean is(TokenType other) {
    return type == other;
  }
}
