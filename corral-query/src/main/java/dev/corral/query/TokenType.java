package dev.corral.query;

/** The kinds of {@link Token} the {@link Lexer} produces. */
enum TokenType {
  /** A word without unescaped wildcards; the token text is the word with escapes removed. */
  TERM,
  /**
   * A word with an unescaped {@code *} or {@code ?}; the token text is the pattern with escapes
   * removed except {@code \*}, {@code \?} and {@code \\}, which stay escaped (literal characters).
   */
  WILDCARD,
  /** {@code "..."}; the token text is the content with escapes removed. */
  PHRASE,
  /** {@code /.../}; the token text is the pattern with {@code \/} read as {@code /}. */
  REGEX,
  /** {@code name:}; the token text is the field name. */
  FIELD,
  /** {@code >} right after a field. */
  GT,
  /** {@code >=} right after a field. */
  GTE,
  /** {@code <} right after a field. */
  LT,
  /** {@code <=} right after a field. */
  LTE,
  /** {@code AND} or {@code &&}. */
  AND,
  /** {@code OR} or {@code ||}. */
  OR,
  /** {@code NOT} or {@code !}. */
  NOT,
  /** Prefix {@code -}: the clause must not match. */
  MINUS,
  /** Prefix {@code +}: the clause must match. */
  PLUS,
  LPAREN,
  RPAREN,
  LBRACKET,
  RBRACKET,
  LBRACE,
  RBRACE,
  /** {@code TO} inside a range. */
  TO,
  /** A single unquoted {@code |}: the end of the filter and the start of a pipe. */
  PIPE,
  /** The end of the text. */
  EOF;

  /** Whether this is one of the comparison shorthands {@code > >= < <=}. */
  boolean isComparison() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }
}
