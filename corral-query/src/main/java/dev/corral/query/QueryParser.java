package dev.corral.query;

import dev.corral.query.ast.Query;
import java.util.Objects;

/**
 * Parses the filter part of a Corral query — Lucene / Kibana query syntax — into the AST of
 * {@link dev.corral.query.ast}. Stateless and thread-safe.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * filter     := orExpr? ( '|' ... )?        blank → MatchAll; the pipes are not read here
 * orExpr     := andExpr ( ('OR' | '||') andExpr )*
 * andExpr    := unary ( ('AND' | '&amp;&amp;')? unary )*   adjacent clauses are ANDed
 * unary      := ('NOT' | '!' | '-' | '+')* primary      NOT, ! and - negate; + is a no-op
 * primary    := '(' orExpr ')'
 *             | FIELD ':' value
 *             | value                                  on the default field (field = null)
 * value      := TERM | WILDCARD | PHRASE | REGEX | range | comparison
 *             | '(' orExpr ')'                         only after 'field:': the field applies inside
 * range      := ('[' | '{') bound 'TO' bound (']' | '}')   '[' ']' inclusive, '{' '}' exclusive
 * bound      := TERM | PHRASE | '*'                   '*' is an open end
 * comparison := ('&gt;' | '&gt;=' | '&lt;' | '&lt;=') (TERM | PHRASE)
 * </pre>
 *
 * <p>Precedence is NOT &gt; AND &gt; OR, so {@code a OR b AND c} is {@code a OR (b AND c)}. Nested
 * And/Or of the same kind are flattened and a group of one clause is that clause. Keywords
 * {@code AND OR NOT TO} are uppercase only; lowercase {@code and} is a search term, as in Lucene.
 *
 * <p>What each construct becomes:
 *
 * <ul>
 *   <li>{@code foo}, {@code level:ERROR} → {@code Term}; {@code "a b"}, {@code f:"a b"} → {@code
 *       Phrase} (both may hold {@code ""});
 *   <li>a word with an unescaped {@code *} or {@code ?} → {@code Wildcard} (escaped {@code \*},
 *       {@code \?}, {@code \\} stay escaped in the pattern); {@code f:*} → {@code Exists}; a bare
 *       {@code *} → {@code MatchAll};
 *   <li>{@code /re/} → {@code Regex} ({@code \/} is a slash; other escapes are kept for the regex);
 *   <li><code>f:[a TO b]</code>, <code>f:&#123;a TO b]</code>, <code>f:[* TO b]</code> → {@code
 *       Range}; <code>f:[* TO *]</code> → {@code Exists}; <code>f:&gt;v</code> = <code>f:&#123;v
 *       TO *]</code>, <code>f:&gt;=v</code> = <code>f:[v TO *]</code>, <code>f:&lt;v</code> =
 *       <code>f:[* TO v&#125;</code>, <code>f:&lt;=v</code> = <code>f:[* TO v]</code>; an open end
 *       is always marked inclusive;
 *   <li>{@code f:(a OR "b c" OR d*)} → the field applied to each inner clause; inside the
 *       group a leading {@code -} negates, as in Lucene, so write {@code f:\-1} or {@code f:("-1")}.
 * </ul>
 *
 * <p>Field names may hold any character but whitespace and {@code ( ) [ ] { } " | : ^ ~}, so
 * {@code http.status_code}, {@code @timestamp} and {@code x-request-id} work. In a value, a
 * {@code :} is an ordinary character ({@code timestamp:2026-11-21T17:00:00Z}), as is a {@code -}
 * ({@code service:payment-gateway}). Backslash escapes any character ({@code \:}, {@code \(},
 * {@code \ }, {@code \*}). Boost {@code ^} and fuzzy / proximity {@code ~} are rejected.
 *
 * <p>Every syntax error is a {@link QuerySyntaxException} with a reason and the 0-based position of
 * the offending character: unbalanced parentheses, quotes, regexes and ranges, a dangling
 * operator, a field without a value, nesting deeper than {@link #MAX_NESTING}.
 */
public final class QueryParser {
  /**
   * Deepest nesting of parentheses and NOT operators: {@value}. Hand-written and generated
   * queries stay far below it; it bounds the parser's recursion and the depth of the AST that
   * back ends walk recursively, so hostile input gets a syntax error, not a StackOverflowError.
   */
  public static final int MAX_NESTING = 100;

  private QueryParser() {}

  /**
   * Parses a whole text as a filter. Blank text gives {@link dev.corral.query.ast.MatchAll}.
   *
   * @throws QuerySyntaxException with the position of the offending character, also when the
   *     text goes on after the filter (a {@code |} and pipes)
   */
  public static Query parse(String text) {
    ParsedFilter filter = parseFilter(text);
    if (filter.stoppedAtPipe(text)) {
      throw new QuerySyntaxException(
          "unexpected '|': only a filter is accepted here, not pipes; write '\\|' to search for the character",
          text, filter.end());
    }
    return filter.query();
  }

  /**
   * Parses the filter at the front of {@code text} and stops cleanly at the first unquoted,
   * unescaped {@code |} (a single bar; {@code ||} is OR), without reading what follows it. The
   * caller parses the pipes from {@link ParsedFilter#end()}. A blank filter, as in {@code "|
   * head 20"}, gives {@link dev.corral.query.ast.MatchAll}.
   *
   * @throws QuerySyntaxException with the position of the offending character in {@code text}
   */
  public static ParsedFilter parseFilter(String text) {
    Objects.requireNonNull(text, "query text");
    return new FilterParser(text).parseFilter();
  }

  /**
   * Parses the filter that starts at offset {@code from} of {@code text} and ends at the first
   * unmatched {@code )}, as inside {@code count(level:ERROR)} or {@code if (status:>=500)}.
   *
   * @return the filter; its end is the offset of that {@code )}
   * @throws QuerySyntaxException with the position in {@code text}, also when the filter is empty
   *     or no {@code )} ends it
   */
  public static ParsedFilter parseFilterInParentheses(String text, int from) {
    Objects.requireNonNull(text, "query text");
    return new FilterParser(text, from).parseFilterInParentheses();
  }
}
