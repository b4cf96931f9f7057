package dev.corral.query.expr;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.QuotedString;
import dev.corral.query.expr.ExpressionToken.Kind;

/**
 * Splits an expression into {@link ExpressionToken}s, lazily, from an offset of the whole query
 * text. A name is a letter, {@code _} or {@code @} followed by letters, digits, {@code _ . @}
 * ({@code http.status_code}); any other name is written in backticks ({@code `x-request-id`},
 * {@code `count(level:ERROR)`}). Strings are in {@code "} or {@code '}, a backslash escaping the
 * next character. A number is decimal: {@code 42}, {@code 1.5}, {@code .5}, {@code 1e3}. A single
 * {@code |} ends the expression (it starts the next pipe); {@code ||} is or.
 */
final class ExpressionLexer {
  private final String text;
  private int pos;

  ExpressionLexer(String text, int from) {
    this.text = text;
    this.pos = from;
  }

  ExpressionToken next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= text.length()) {
      return new ExpressionToken(Kind.END, "", start, start, false);
    }
    char c = text.charAt(pos);
    if (c == '|' && !followedBy('|')) {
      return new ExpressionToken(Kind.END, "|", start, start, false);
    }
    return switch (c) {
      case '(' -> single(Kind.LPAREN);
      case ')' -> single(Kind.RPAREN);
      case ',' -> single(Kind.COMMA);
      case '"', '\'' -> string();
      case '`' -> quotedName();
      case '+', '-', '*', '/', '%' -> single(Kind.OPERATOR);
      case '=', '!', '<', '>' -> comparison(c);
      case '&', '|' -> doubled(c);
      default -> {
        if (isDigit(c) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
          yield number();
        }
        if (Character.isLetter(c) || c == '_' || c == '@') {
          yield name();
        }
        throw new QuerySyntaxException("unexpected '" + c + "' in an expression"
            + (c == ':' ? "; a column such as count(level:ERROR) is written in backticks: `count(level:ERROR)`" : ""),
            text, start);
      }
    };
  }

  private boolean followedBy(char c) {
    return pos + 1 < text.length() && text.charAt(pos + 1) == c;
  }

  private ExpressionToken single(Kind kind) {
    pos++;
    return new ExpressionToken(kind, text.substring(pos - 1, pos), pos - 1, pos, false);
  }

  private ExpressionToken comparison(char c) {
    int start = pos;
    pos++;
    if (followedByHere('=')) {
      pos++;
    } else if (c == '!' || c == '=') {
      // '!' alone is not; '=' alone is equality
      return new ExpressionToken(Kind.OPERATOR, c == '!' ? "!" : "=", start, pos, false);
    }
    String op = text.substring(start, pos);
    return new ExpressionToken(Kind.OPERATOR, op.equals("==") ? "=" : op, start, pos, false);
  }

  private boolean followedByHere(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private ExpressionToken doubled(char c) {
    int start = pos;
    if (!followedBy(c)) {
      throw new QuerySyntaxException("unexpected '" + c + "'; write " + c + c + " or " + (c == '&' ? "and" : "or"),
          text, start);
    }
    pos += 2;
    return new ExpressionToken(Kind.OPERATOR, c == '&' ? "and" : "or", start, pos, false);
  }

  private ExpressionToken number() {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= text.length() || !isDigit(text.charAt(pos))) {
        pos = mark;
      }
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && isNameChar(text.charAt(pos))) {
      int end = pos;
      while (end < text.length() && isNameChar(text.charAt(end))) {
        end++;
      }
      throw new QuerySyntaxException("'" + text.substring(start, end) + "' is not a number; a field whose name "
          + "starts with a digit is written in backticks", text, start);
    }
    return new ExpressionToken(Kind.NUMBER, text.substring(start, pos), start, pos, false);
  }

  private ExpressionToken name() {
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    return new ExpressionToken(Kind.NAME, text.substring(start, pos), start, pos, false);
  }

  private ExpressionToken quotedName() {
    int start = pos;
    int close = text.indexOf('`', pos + 1);
    if (close < 0) {
      throw new QuerySyntaxException("unterminated name: missing closing `", text, start);
    }
    if (close == start + 1) {
      throw new QuerySyntaxException("a name in backticks must not be empty", text, start);
    }
    pos = close + 1;
    return new ExpressionToken(Kind.NAME, text.substring(start + 1, close), start, pos, true);
  }

  private ExpressionToken string() {
    int start = pos;
    QuotedString string = QuotedString.read(text, start);
    pos = string.end();
    return new ExpressionToken(Kind.STRING, string.content(), start, pos, false);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@';
  }
}
