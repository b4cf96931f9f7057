package dev.corral.query;

import static dev.corral.query.TokenType.AND;
import static dev.corral.query.TokenType.EOF;
import static dev.corral.query.TokenType.FIELD;
import static dev.corral.query.TokenType.GT;
import static dev.corral.query.TokenType.GTE;
import static dev.corral.query.TokenType.LBRACE;
import static dev.corral.query.TokenType.LBRACKET;
import static dev.corral.query.TokenType.LPAREN;
import static dev.corral.query.TokenType.LT;
import static dev.corral.query.TokenType.LTE;
import static dev.corral.query.TokenType.MINUS;
import static dev.corral.query.TokenType.NOT;
import static dev.corral.query.TokenType.OR;
import static dev.corral.query.TokenType.PHRASE;
import static dev.corral.query.TokenType.PIPE;
import static dev.corral.query.TokenType.PLUS;
import static dev.corral.query.TokenType.RBRACE;
import static dev.corral.query.TokenType.RBRACKET;
import static dev.corral.query.TokenType.REGEX;
import static dev.corral.query.TokenType.RPAREN;
import static dev.corral.query.TokenType.TERM;
import static dev.corral.query.TokenType.TO;
import static dev.corral.query.TokenType.WILDCARD;

/**
 * Splits the filter part of a query into {@link Token}s, one at a time, so that a parser can stop
 * at a {@code |} without reading the pipes behind it (whose syntax differs).
 *
 * <p>The lexer tracks just enough context to read Lucene syntax the way users mean it:
 *
 * <ul>
 *   <li>A {@code :} ends a field name, except in a value position — right after {@code field:} or
 *       a comparison, inside a range, inside a field group {@code field:(...)} — where it is part
 *       of the value, so {@code timestamp:2026-11-21T17:00:00Z} is one field and one value.
 *   <li>{@code -}, {@code +} and {@code !} at the start of a token are operators, except right
 *       after {@code field:} and inside a range, where they start a value ({@code delta:-5}).
 *   <li>{@code > >= < <=} are comparisons right after {@code field:} and inside a field group.
 *   <li>{@code TO} is a keyword inside a range only; {@code AND OR NOT} are keywords (uppercase,
 *       unescaped) outside ranges.
 *   <li>{@code /} at the start of a token begins a regex, except inside a range; inside a word it is
 *       an ordinary character ({@code uri:api/v1}).
 * </ul>
 *
 * <p>Backslash escapes any character. {@code ^} (boost) and {@code ~} (fuzzy, proximity) are not
 * supported and are rejected rather than silently searched for. Not thread-safe: one lexer per
 * parse.
 */
final class Lexer {
  private final String text;
  private int pos;
  private TokenType previous;
  private boolean inRange;
  private int parenDepth;
  /** The parenthesis depth at which the outermost open field group began, or -1 outside one. */
  private int fieldGroupDepth = -1;

  Lexer(String text) {
    this(text, 0);
  }

  /** A lexer of {@code text} from offset {@code from}. */
  Lexer(String text, int from) {
    this.text = text;
    this.pos = from;
  }

  /** The next token; {@link TokenType#EOF} at the end, again on every later call. */
  Token next() {
    skipWhitespace();
    int start = pos;
    if (pos >= text.length()) {
      return emit(EOF, "", start);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(' -> {
        pos++;
        parenDepth++;
        if (previous == FIELD && fieldGroupDepth < 0) {
          fieldGroupDepth = parenDepth;
        }
        return emit(LPAREN, "(", start);
      }
      case ')' -> {
        pos++;
        if (parenDepth == fieldGroupDepth) {
          fieldGroupDepth = -1;
        }
        parenDepth = Math.max(0, parenDepth - 1);
        return emit(RPAREN, ")", start);
      }
      case '[', '{' -> {
        pos++;
        inRange = true;
        return emit(c == '[' ? LBRACKET : LBRACE, String.valueOf(c), start);
      }
      case ']', '}' -> {
        pos++;
        inRange = false;
        return emit(c == ']' ? RBRACKET : RBRACE, String.valueOf(c), start);
      }
      case '"' -> {
        return phrase();
      }
      case '|' -> {
        if (peekIs(1, '|')) {
          pos += 2;
          return emit(OR, "||", start);
        }
        pos++;
        return emit(PIPE, "|", start);
      }
      case ':' -> {
        if (colonIsText()) {
          return word(start);
        }
        throw new QuerySyntaxException(
          "':' must follow a field name, as in 'level:ERROR'; write '\\:' to search for a colon",
          text, start);
      }
      case '^' -> throw new QuerySyntaxException(
          "boosting with '^' is not supported; write '\\^' to search for the character", text, start);
      case '~' -> throw new QuerySyntaxException(
          "fuzzy and proximity search with '~' are not supported; write '\\~' to search for the character",
          text, start);
      default -> {
        return operatorOrWord(c, start);
      }
    }
  }

  private Token operatorOrWord(char c, int start) {
    if (c == '&' && peekIs(1, '&')) {
      pos += 2;
      return emit(AND, "&&", start);
    }
    if (c == '/' && !inRange) {
      return regex();
    }
    if ((c == '-' || c == '+' || c == '!') && operatorsAllowed()) {
      pos++;
      return emit(c == '-' ? MINUS : c == '+' ? PLUS : NOT, String.valueOf(c), start);
    }
    if ((c == '<' || c == '>') && comparisonAllowed()) {
      boolean orEqual = peekIs(1, '=');
      pos += orEqual ? 2 : 1;
      TokenType type = c == '<' ? (orEqual ? LTE : LT) : (orEqual ? GTE : GT);
      return emit(type, text.substring(start, pos), start);
    }
    return word(start);
  }

  private Token word(int start) {
    StringBuilder value = new StringBuilder();
    StringBuilder pattern = new StringBuilder();
    boolean wildcard = false;
    boolean endsWithColon = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        char escaped = escapedCharAt(pos);
        value.append(escaped);
        if (escaped == '*' || escaped == '?' || escaped == '\\') {
          pattern.append('\\');
        }
        pattern.append(escaped);
        pos += 2;
        continue;
      }
      if (endsWord(c)) {
        break;
      }
      if (c == ':' && !colonIsText()) {
        endsWithColon = true;
        break;
      }
      wildcard |= c == '*' || c == '?';
      value.append(c);
      pattern.append(c);
      pos++;
    }
    if (endsWithColon) {
      return field(start, value.toString(), wildcard);
    }
    String raw = text.substring(start, pos);
    if (inRange) {
      if (raw.equals("TO")) {
        return emit(TO, raw, start);
      }
    } else {
      switch (raw) {
        case "AND" -> { return emit(AND, raw, start); }
        case "OR" -> { return emit(OR, raw, start); }
        case "NOT" -> { return emit(NOT, raw, start); }
        default -> { }
      }
    }
    return wildcard ? emit(WILDCARD, pattern.toString(), start) : emit(TERM, value.toString(), start);
  }

  private Token field(int start, String name, boolean wildcard) {
    if (wildcard) {
      throw new QuerySyntaxException(
          "wildcards in field names are not supported: '" + name + "'", text, start);
    }
    pos++; // the colon
    return emit(FIELD, name, start);
  }

  private Token phrase() {
    int start = pos;
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return emit(PHRASE, value.toString(), start);
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          break;
        }
        value.append(text.charAt(pos + 1));
        pos += 2;
      } else {
        value.append(c);
        pos++;
      }
    }
    throw new QuerySyntaxException("unclosed '\"': the phrase has no closing quote", text, start);
  }

  private Token regex() {
    int start = pos;
    StringBuilder pattern = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '/') {
        pos++;
        return emit(REGEX, pattern.toString(), start);
      }
      if (c == '\\') {
        if (pos + 1 >= text.length()) {
          break;
        }
        char escaped = text.charAt(pos + 1);
        if (escaped != '/') {
          pattern.append('\\');
        }
        pattern.append(escaped);
        pos += 2;
      } else {
        pattern.append(c);
        pos++;
      }
    }
    throw new QuerySyntaxException(
        "unclosed regex: no '/' ends the one opened here; write '\\/' for a slash inside it", text, start);
  }

  private char escapedCharAt(int backslash) {
    if (backslash + 1 >= text.length()) {
      throw new QuerySyntaxException(
          "'\\' at the end of the query escapes nothing; write '\\\\' to search for a backslash",
          text, backslash);
    }
    return text.charAt(backslash + 1);
  }

  private boolean endsWord(char c) {
    return switch (c) {
      case '(', ')', '[', ']', '{', '}', '"', '|', '^', '~' -> true;
      case '&' -> peekIs(1, '&');
      default -> Character.isWhitespace(c);
    };
  }

  private boolean inValuePosition() {
    return previous == FIELD || (previous != null && previous.isComparison());
  }

  private boolean colonIsText() {
    return inValuePosition() || inRange || fieldGroupDepth >= 0;
  }

  private boolean operatorsAllowed() {
    return !inValuePosition() && !inRange;
  }

  private boolean comparisonAllowed() {
    if (inRange || (previous != null && previous.isComparison())) {
      return false;
    }
    return previous == FIELD || fieldGroupDepth >= 0;
  }

  private boolean peekIs(int offset, char expected) {
    int at = pos + offset;
    return at < text.length() && text.charAt(at) == expected;
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Token emit(TokenType type, String value, int start) {
    previous = type;
    return new Token(type, value, start, pos);
  }
}
