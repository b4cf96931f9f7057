package dev.corral.query.plan;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.QuotedString;
import dev.corral.query.plan.PipeToken.Kind;

/**
 * Splits the pipe part of a query into {@link PipeToken}s. A word is a run of any characters but
 * whitespace and {@code ( ) , = < > | " '} (and {@code !} before {@code =}), so field names such
 * as {@code http.status_code}, {@code @timestamp} and {@code x-request-id}, durations such as
 * {@code 1m} and times such as {@code 2026-11-21T17:00:00Z} are single words. Strings are quoted
 * with {@code "} or {@code '}; a backslash escapes the next character. A raw string is quoted with
 * backticks and has no escapes (as in LogQL), so a regex keeps its backslashes: {@code `\d+`}.
 * Tokens are read lazily, so a pipe with its own syntax ({@code eval}) can be read by its own
 * parser and the lexer restarted after it ({@link #restartAt}).
 */
final class PipeLexer {
  private final String text;
  private int pos;

  PipeLexer(String text, int from) {
    this.text = text;
    this.pos = from;
  }

  /** Goes on from offset {@code from}: a pipe whose own syntax (an expression) was read elsewhere ends there. */
  void restartAt(int from) {
    this.pos = from;
  }

  /** The next token; EOF at the end, again on every later call. */
  PipeToken next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= text.length()) {
      return new PipeToken(Kind.EOF, "", start, start);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(' -> {
        return single(Kind.LPAREN);
      }
      case ')' -> {
        return single(Kind.RPAREN);
      }
      case ',' -> {
        return single(Kind.COMMA);
      }
      case '|' -> {
        return single(Kind.PIPE);
      }
      case '"', '\'' -> {
        return string();
      }
      case '`' -> {
        return rawString();
      }
      case '=', '<', '>' -> {
        pos++;
        if (c != '=' && pos < text.length() && text.charAt(pos) == '=') {
          pos++;
        }
        return new PipeToken(Kind.OPERATOR, text.substring(start, pos), start, pos);
      }
      default -> {
        if (c == '!' && startsOperator(pos)) {
          pos += 2;
          return new PipeToken(Kind.OPERATOR, "!=", start, pos);
        }
        return word();
      }
    }
  }

  private boolean startsOperator(int i) {
    return text.charAt(i) == '!' && i + 1 < text.length() && text.charAt(i + 1) == '=';
  }

  private PipeToken single(Kind kind) {
    pos++;
    return new PipeToken(kind, text.substring(pos - 1, pos), pos - 1, pos);
  }

  private PipeToken word() {
    int start = pos;
    while (pos < text.length() && isWordChar(pos)) {
      pos++;
    }
    return new PipeToken(Kind.WORD, text.substring(start, pos), start, pos);
  }

  private boolean isWordChar(int i) {
    char c = text.charAt(i);
    return !Character.isWhitespace(c) && "(),=<>|\"'`".indexOf(c) < 0 && !startsOperator(i);
  }

  private PipeToken rawString() {
    int start = pos;
    int close = text.indexOf('`', pos + 1);
    if (close < 0) {
      throw new QuerySyntaxException("unterminated string: missing closing `", text, start);
    }
    pos = close + 1;
    return new PipeToken(Kind.STRING, text.substring(start + 1, close), start, pos);
  }

  private PipeToken string() {
    int start = pos;
    QuotedString string = QuotedString.read(text, start);
    pos = string.end();
    return new PipeToken(Kind.STRING, string.content(), start, pos);
  }
}
