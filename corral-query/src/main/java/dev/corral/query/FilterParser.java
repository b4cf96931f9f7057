package dev.corral.query;

import static dev.corral.query.TokenType.EOF;
import static dev.corral.query.TokenType.LBRACKET;
import static dev.corral.query.TokenType.PIPE;
import static dev.corral.query.TokenType.RBRACE;
import static dev.corral.query.TokenType.RBRACKET;
import static dev.corral.query.TokenType.RPAREN;
import static dev.corral.query.TokenType.TO;

import dev.corral.query.ast.And;
import dev.corral.query.ast.Exists;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Not;
import dev.corral.query.ast.Or;
import dev.corral.query.ast.Phrase;
import dev.corral.query.ast.Query;
import dev.corral.query.ast.Range;
import dev.corral.query.ast.Regex;
import dev.corral.query.ast.Term;
import dev.corral.query.ast.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for one filter; see {@link QueryParser} for the grammar. One instance
 * per parse, not thread-safe. It reads tokens lazily and looks one token ahead, so it never lexes
 * past the {@code |} that ends the filter.
 */
final class FilterParser {
  /** Longest token text quoted in an error message, so errors stay one readable line. */
  private static final int MAX_QUOTED = 40;

  private final String text;
  private final Lexer lexer;
  private Token current;
  private int nesting;

  FilterParser(String text) {
    this(text, 0);
  }

  /** A parser of the filter that starts at offset {@code from} of {@code text}. */
  FilterParser(String text, int from) {
    this.text = text;
    this.lexer = new Lexer(text, from);
    this.current = lexer.next();
  }

  /**
   * Parses a filter that ends at an unmatched {@code )}, as inside {@code count(level:ERROR)}; the
   * result's end is the offset of that {@code )}.
   */
  ParsedFilter parseFilterInParentheses() {
    if (current.is(RPAREN) || atEndOfFilter()) {
      throw error("expected a filter before " + describe(current), current);
    }
    Query query = parseOr(null);
    if (current.is(RPAREN)) {
      return new ParsedFilter(query, current.start());
    }
    if (current.is(RBRACKET) || current.is(RBRACE)) {
      throw error("unexpected " + describe(current) + ": no range is open", current);
    }
    throw error("expected ')' to close the filter, found " + describe(current), current);
  }

  /** Parses the filter up to the end of the text or the first unquoted {@code |}. */
  ParsedFilter parseFilter() {
    if (atEndOfFilter()) {
      return new ParsedFilter(new MatchAll(), current.start());
    }
    Query query = parseOr(null);
    if (atEndOfFilter()) {
      return new ParsedFilter(query, current.start());
    }
    if (current.is(RPAREN)) {
      throw error("unmatched ')': no '(' opens it", current);
    }
    if (current.is(RBRACKET) || current.is(RBRACE)) {
      throw error("unexpected " + describe(current) + ": no range is open", current);
    }
    throw error("unexpected " + describe(current), current);
  }

  private Query parseOr(String field) {
    List<Query> clauses = new ArrayList<>();
    clauses.add(parseAnd(field));
    while (current.is(TokenType.OR)) {
      Token operator = advance();
      requireClauseAfter(operator);
      clauses.add(parseAnd(field));
    }
    return combine(clauses, false);
  }

  private Query parseAnd(String field) {
    List<Query> clauses = new ArrayList<>();
    clauses.add(parseUnary(field));
    while (true) {
      if (current.is(TokenType.AND)) {
        Token operator = advance();
        requireClauseAfter(operator);
      } else if (!startsClause(current)) {
        return combine(clauses, true);
      }
      clauses.add(parseUnary(field));
    }
  }

  /** Prefix operators, read in a loop rather than by recursion so long chains cannot overflow. */
  private Query parseUnary(String field) {
    int negations = 0;
    while (current.is(TokenType.NOT) || current.is(TokenType.MINUS) || current.is(TokenType.PLUS)) {
      Token operator = advance();
      requireClauseAfter(operator);
      if (!operator.is(TokenType.PLUS)) {
        enter(operator);
        negations++;
      }
    }
    Query query = parsePrimary(field);
    for (int i = 0; i < negations; i++) {
      query = new Not(query);
    }
    nesting -= negations;
    return query;
  }

  private Query parsePrimary(String field) {
    Token token = current;
    switch (token.type()) {
      case LPAREN -> {
        return parseGroup(field);
      }
      case FIELD -> {
        advance();
        if (field != null) {
          throw error("field '" + token.text() + ":' inside the group of field '" + field + "'", token);
        }
        return parseFieldValue(token);
      }
      case TERM, WILDCARD, PHRASE, REGEX -> {
        return leaf(field, advance());
      }
      case LBRACKET, LBRACE -> {
        if (field == null) {
          throw error("a range needs a field, as in 'status:[500 TO 599]'", token);
        }
        return parseRange(field);
      }
      case GT, GTE, LT, LTE -> {
        if (field == null) {
          throw error("a comparison needs a field, as in 'duration_ms:>1000'", token);
        }
        return parseComparison(field);
      }
      case AND, OR -> throw error(quote(token) + " needs a clause before it", token);
      case RPAREN -> throw error("unmatched ')': no '(' opens it", token);
      default -> throw error("expected a clause, found " + describe(token), token);
    }
  }

  private Query parseFieldValue(Token fieldToken) {
    String field = fieldToken.text();
    return switch (current.type()) {
      case LPAREN -> parseGroup(field);
      case TERM, WILDCARD, PHRASE, REGEX -> leaf(field, advance());
      case LBRACKET, LBRACE -> parseRange(field);
      case GT, GTE, LT, LTE -> parseComparison(field);
      default -> throw error(
          "expected a value after " + quote(fieldToken) + ", found " + describe(current), current);
    };
  }

  private Query parseGroup(String field) {
    Token open = advance();
    enter(open);
    if (current.is(RPAREN)) {
      throw error("empty parentheses: '()' holds no clause", open);
    }
    if (atEndOfFilter()) {
      throw unclosedParenthesis(open);
    }
    Query query = parseOr(field);
    if (current.is(RPAREN)) {
      advance();
      nesting--;
      return query;
    }
    if (atEndOfFilter()) {
      throw unclosedParenthesis(open);
    }
    throw error("expected ')' to close the '(' at position " + open.start() + ", found "
        + describe(current), current);
  }

  private Query parseRange(String field) {
    Token open = advance();
    String lower = rangeBound(open, "a lower bound");
    if (!current.is(TO)) {
      if (atEndOfFilter()) {
        throw unclosedRange(open);
      }
      throw error("expected 'TO' between the bounds of the range, found " + describe(current), current);
    }
    advance();
    String upper = rangeBound(open, "an upper bound after 'TO'");
    Token close = current;
    if (!close.is(RBRACKET) && !close.is(RBRACE)) {
      if (atEndOfFilter()) {
        throw unclosedRange(open);
      }
      throw error("expected ']' or '}' to close the range opened at position " + open.start()
          + ", found " + describe(close), close);
    }
    advance();
    return range(field, lower, upper, open.is(LBRACKET), close.is(RBRACKET));
  }

  /** The bound's text, or null for the open bound {@code *}. */
  private String rangeBound(Token open, String what) {
    Token bound = current;
    switch (bound.type()) {
      case TERM, PHRASE -> {
        advance();
        return bound.text();
      }
      case WILDCARD -> {
        if (!bound.text().equals("*")) {
          throw error("wildcard " + quote(bound) + " cannot be a range bound; '*' alone is an open end",
              bound);
        }
        advance();
        return null;
      }
      default -> {
        if (atEndOfFilter()) {
          throw unclosedRange(open);
        }
        throw error("expected " + what + " in the range, found " + describe(bound), bound);
      }
    }
  }

  private Query parseComparison(String field) {
    Token operator = advance();
    Token value = current;
    if (!value.is(TokenType.TERM) && !value.is(TokenType.PHRASE)) {
      throw error("expected a value after " + quote(operator) + ", found " + describe(value), value);
    }
    advance();
    return switch (operator.type()) {
      case GT -> range(field, value.text(), null, false, true);
      case GTE -> range(field, value.text(), null, true, true);
      case LT -> range(field, null, value.text(), true, false);
      case LTE -> range(field, null, value.text(), true, true);
      default -> throw new IllegalStateException("BUG: " + operator + " is no comparison");
    };
  }

  /** A range; open ends are inclusive by convention, and {@code [* TO *]} is {@link Exists}. */
  private static Query range(String field, String lower, String upper, boolean includeLower,
      boolean includeUpper) {
    if (lower == null && upper == null) {
      return new Exists(field);
    }
    return new Range(field, lower, upper, lower == null || includeLower, upper == null || includeUpper);
  }

  private static Query leaf(String field, Token token) {
    return switch (token.type()) {
      case TERM -> new Term(field, token.text());
      case PHRASE -> new Phrase(field, token.text());
      case REGEX -> new Regex(field, token.text());
      case WILDCARD -> {
        if (!token.text().equals("*")) {
          yield new Wildcard(field, token.text());
        }
        yield field == null ? new MatchAll() : new Exists(field);
      }
      default -> throw new IllegalStateException("BUG: " + token + " is no leaf");
    };
  }

  /** One clause as itself; several as And/Or, with nested And/Or of the same kind flattened. */
  private static Query combine(List<Query> clauses, boolean and) {
    if (clauses.size() == 1) {
      return clauses.get(0);
    }
    List<Query> flat = new ArrayList<>();
    for (Query clause : clauses) {
      if (and && clause instanceof And nested) {
        flat.addAll(nested.clauses());
      } else if (!and && clause instanceof Or nested) {
        flat.addAll(nested.clauses());
      } else {
        flat.add(clause);
      }
    }
    return and ? new And(flat) : new Or(flat);
  }

  private static boolean startsClause(Token token) {
    return switch (token.type()) {
      case TERM, WILDCARD, PHRASE, REGEX, FIELD, LPAREN, LBRACKET, LBRACE, NOT, MINUS, PLUS,
          GT, GTE, LT, LTE -> true;
      default -> false;
    };
  }

  private void requireClauseAfter(Token operator) {
    if (!startsClause(current)) {
      throw error("expected a clause after " + quote(operator) + ", found " + describe(current), current);
    }
  }

  private void enter(Token token) {
    if (++nesting > QueryParser.MAX_NESTING) {
      throw error("the query nests deeper than " + QueryParser.MAX_NESTING
          + " levels of parentheses and NOT; simplify it", token);
    }
  }

  private boolean atEndOfFilter() {
    return current.is(EOF) || current.is(PIPE);
  }

  private Token advance() {
    Token consumed = current;
    if (!consumed.is(EOF)) {
      current = lexer.next();
    }
    return consumed;
  }

  private QuerySyntaxException unclosedParenthesis(Token open) {
    String before = current.is(PIPE) ? "the '|'" : "the end of the query";
    return error("unclosed '(': no ')' closes it before " + before, open);
  }

  private QuerySyntaxException unclosedRange(Token open) {
    return error("unclosed range " + quote(open) + ": expected 'lower TO upper' and ']' or '}'", open);
  }

  private String describe(Token token) {
    return switch (token.type()) {
      case EOF -> "the end of the query";
      default -> quote(token);
    };
  }

  /** The token as the user typed it, in quotes, shortened if long. */
  private String quote(Token token) {
    String typed = text.substring(token.start(), token.end());
    if (typed.length() > MAX_QUOTED) {
      typed = typed.substring(0, MAX_QUOTED) + "...";
    }
    return "'" + typed + "'";
  }

  private QuerySyntaxException error(String reason, Token at) {
    return new QuerySyntaxException(reason, text, at.start());
  }
}
