package dev.corral.query.plan;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.plan.PipeToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in the pipe tokens of one query, with the error helpers the pipe parsers share.
 * Tokens are read lazily ({@link PipeLexer}) as far as the parser looks ahead.
 */
final class PipeCursor {
  private final String text;
  private final PipeLexer lexer;
  /** Tokens read ahead and not yet consumed; the first is the current one. */
  private final List<PipeToken> ahead = new ArrayList<>();

  PipeCursor(String text, int from) {
    this.text = text;
    this.lexer = new PipeLexer(text, from);
  }

  String text() {
    return text;
  }

  PipeToken peek() {
    return peek(0);
  }

  PipeToken peek(int n) {
    while (ahead.size() <= n) {
      if (!ahead.isEmpty() && ahead.get(ahead.size() - 1).is(Kind.EOF)) {
        return ahead.get(ahead.size() - 1);
      }
      ahead.add(lexer.next());
    }
    return ahead.get(n);
  }

  PipeToken next() {
    PipeToken token = peek();
    if (!token.is(Kind.EOF)) {
      ahead.remove(0);
    }
    return token;
  }

  /**
   * Forgets the tokens read ahead and goes on from {@code offset}: the end of a part of the pipe
   * that its own parser read (an expression, a filter in parentheses).
   */
  void restartAt(int offset) {
    ahead.clear();
    lexer.restartAt(offset);
  }

  boolean at(Kind kind) {
    return peek().is(kind);
  }

  /** Whether the current pipe has ended: a {@code |} or the end of the query. */
  boolean atPipeEnd() {
    return at(Kind.PIPE) || at(Kind.EOF);
  }

  /** Consumes a token of {@code kind} if it is next. */
  boolean accept(Kind kind) {
    if (at(kind)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes the keyword (any case) if it is next. */
  boolean acceptWord(String keyword) {
    if (peek().isWord(keyword)) {
      next();
      return true;
    }
    return false;
  }

  PipeToken expect(Kind kind, String what) {
    if (!at(kind)) {
      throw error("expected " + what + ", found " + peek().describe(), peek());
    }
    return next();
  }

  /** A field or column name: a bare word or a quoted string. */
  PipeToken expectName(String what) {
    if (at(Kind.WORD) || at(Kind.STRING)) {
      PipeToken token = next();
      if (token.text().isEmpty()) {
        throw error(what + " must not be empty", token);
      }
      return token;
    }
    throw error("expected " + what + ", found " + peek().describe(), peek());
  }

  /**
   * A column name: a name, or an aggregation's default column written out, {@code count()} or
   * {@code percentile(d, 99)}, normalized as {@link AggregationParser} names columns (function
   * lowercase, arguments joined by {@code ", "}).
   */
  PipeToken expectColumn(String what) {
    PipeToken name = expectName(what);
    if (!name.is(Kind.WORD) || !at(Kind.LPAREN)) {
      return name;
    }
    next();
    StringBuilder column = new StringBuilder(name.text().toLowerCase(java.util.Locale.ROOT)).append('(');
    boolean first = true;
    while (!at(Kind.RPAREN)) {
      if (!first) {
        expect(Kind.COMMA, "',' or ')' in " + column);
        column.append(", ");
      }
      column.append(expectName("an argument or ')' in " + column).text());
      first = false;
    }
    PipeToken close = next();
    return new PipeToken(Kind.WORD, column.append(')').toString(), name.start(), close.end());
  }

  /** Fails unless the current pipe ends here. */
  void expectPipeEnd(String pipe) {
    if (!atPipeEnd()) {
      throw error("unexpected " + peek().describe() + " in " + pipe, peek());
    }
  }

  QuerySyntaxException error(String reason, PipeToken at) {
    return new QuerySyntaxException(reason, text, at.start());
  }
}
