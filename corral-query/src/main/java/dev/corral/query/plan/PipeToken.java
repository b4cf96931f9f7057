package dev.corral.query.plan;

import java.util.Objects;

/**
 * One token of the pipe part of a query, with its place in the whole query text ({@code start}
 * inclusive, {@code end} exclusive).
 */
record PipeToken(Kind kind, String text, int start, int end) {
  /** What a token is. */
  enum Kind {
    /** A bare word: pipe and function names, fields, numbers, durations, {@code -f}. */
    WORD,
    /** A quoted string; the text is the content with escapes removed. */
    STRING,
    LPAREN,
    RPAREN,
    COMMA,
    /** {@code = != < <= > >=}; the text is the operator. */
    OPERATOR,
    PIPE,
    EOF
  }

  PipeToken {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  boolean is(Kind other) {
    return kind == other;
  }

  /** Whether this is a bare word equal to {@code keyword}, ignoring case. */
  boolean isWord(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case EOF -> "the end of the query";
      case STRING -> "\"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
