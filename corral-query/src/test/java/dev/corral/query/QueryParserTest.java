package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {

  private static Query parse(String text) {
    return QueryParser.parse(text);
  }

  private static Query and(Query... clauses) {
    return new And(List.of(clauses));
  }

  private static Query or(Query... clauses) {
    return new Or(List.of(clauses));
  }

  private static Query term(String field, String value) {
    return new Term(field, value);
  }

  private static Query word(String value) {
    return new Term(null, value);
  }

  // --- the queries from the design document

  @Test
  void levelAndRelativeTimeRange() {
    assertThat(parse("level:ERROR AND timestamp:[now-15m TO now]"))
        .isEqualTo(and(term("level", "ERROR"), new Range("timestamp", "now-15m", "now", true, true)));
  }

  @Test
  void existsAndFieldGroupOfAlternatives() {
    assertThat(parse("trace_id:* AND level:(ERROR OR WARN)"))
        .isEqualTo(and(new Exists("trace_id"), or(term("level", "ERROR"), term("level", "WARN"))));
  }

  @Test
  void greaterThanShorthandOnDottedField() {
    assertThat(parse("performance.duration_ms:>1000"))
        .isEqualTo(new Range("performance.duration_ms", "1000", null, false, true));
  }

  @Test
  void dashedValueAndPhraseWithExplicitAnd() {
    assertThat(parse("service:payment-gateway AND \"card declined\""))
        .isEqualTo(and(term("service", "payment-gateway"), new Phrase(null, "card declined")));
  }

  @Test
  void adjacentClausesAreImplicitlyAnded() {
    assertThat(parse("service:payment-gateway \"card declined\""))
        .isEqualTo(parse("service:payment-gateway AND \"card declined\""));
  }

  @Test
  void numericRangeAndNegatedField() {
    assertThat(parse("http.status_code:[500 TO 599] AND NOT service:api-gateway"))
        .isEqualTo(and(
            new Range("http.status_code", "500", "599", true, true),
            new Not(term("service", "api-gateway"))));
  }

  @Test
  void regexOnField() {
    assertThat(parse("message:/time.?out/")).isEqualTo(new Regex("message", "time.?out"));
  }

  @Test
  void notKeyword() {
    assertThat(parse("NOT host:web-1")).isEqualTo(new Not(term("host", "web-1")));
  }

  @Test
  void minusPrefixNegatesOnlyItsClause() {
    assertThat(parse("-level:DEBUG foo")).isEqualTo(and(new Not(term("level", "DEBUG")), word("foo")));
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(parse("a OR b AND c")).isEqualTo(or(word("a"), and(word("b"), word("c"))));
    assertThat(parse("a AND b OR c")).isEqualTo(or(and(word("a"), word("b")), word("c")));
  }

  // --- terms and fields

  @Test
  void blankTextMatchesAll() {
    assertThat(parse("")).isEqualTo(new MatchAll());
    assertThat(parse("  \t\n")).isEqualTo(new MatchAll());
  }

  @Test
  void bareStarMatchesAll() {
    assertThat(parse("*")).isEqualTo(new MatchAll());
  }

  @Test
  void bareWordIsFreeText() {
    assertThat(parse("timeout")).isEqualTo(word("timeout"));
  }

  @Test
  void fieldNamesMayHoldDotsUnderscoresDashesAndAt() {
    assertThat(parse("@timestamp:x")).isEqualTo(term("@timestamp", "x"));
    assertThat(parse("x-request-id:abc")).isEqualTo(term("x-request-id", "abc"));
    assertThat(parse("context.payment_amount:12.5")).isEqualTo(term("context.payment_amount", "12.5"));
  }

  @Test
  void colonsAfterTheFirstBelongToTheValue() {
    assertThat(parse("timestamp:2026-11-21T17:00:00Z")).isEqualTo(term("timestamp", "2026-11-21T17:00:00Z"));
    assertThat(parse("a:b:c d:e")).isEqualTo(and(term("a", "b:c"), term("d", "e")));
  }

  @Test
  void whitespaceMayFollowTheColon() {
    assertThat(parse("level: ERROR")).isEqualTo(term("level", "ERROR"));
  }

  @Test
  void minusRightAfterColonStartsANegativeValue() {
    assertThat(parse("delta:-5")).isEqualTo(term("delta", "-5"));
  }

  @Test
  void lowercaseKeywordsAreSearchTerms() {
    assertThat(parse("cats and dogs")).isEqualTo(and(word("cats"), word("and"), word("dogs")));
  }

  @Test
  void escapesMakeSpecialCharactersLiteral() {
    assertThat(parse("a\\:b")).isEqualTo(word("a:b"));
    assertThat(parse("f\\(x\\)")).isEqualTo(word("f(x)"));
    assertThat(parse("hello\\ world")).isEqualTo(word("hello world"));
    assertThat(parse("\\AND")).isEqualTo(word("AND"));
    assertThat(parse("a\\|b")).isEqualTo(word("a|b"));
  }

  @Test
  void escapedStarIsLiteralNotWildcard() {
    assertThat(parse("5\\*3")).isEqualTo(word("5*3"));
    assertThat(parse("path:\\*")).isEqualTo(term("path", "*"));
  }

  // --- phrases, wildcards, regexes

  @Test
  void phraseOnFieldWithEscapedQuote() {
    assertThat(parse("message:\"say \\\"hi\\\" now\"")).isEqualTo(new Phrase("message", "say \"hi\" now"));
  }

  @Test
  void phraseKeepsSpecialCharactersLiteral() {
    assertThat(parse("\"a | b AND (c)\"")).isEqualTo(new Phrase(null, "a | b AND (c)"));
  }

  @Test
  void emptyPhraseIsAllowed() {
    assertThat(parse("user_id:\"\"")).isEqualTo(new Phrase("user_id", ""));
  }

  @Test
  void wildcardsAnywhereInAWord() {
    assertThat(parse("service:pay*")).isEqualTo(new Wildcard("service", "pay*"));
    assertThat(parse("*gateway")).isEqualTo(new Wildcard(null, "*gateway"));
    assertThat(parse("host:web-?")).isEqualTo(new Wildcard("host", "web-?"));
  }

  @Test
  void escapedStarStaysEscapedInsideAWildcardPattern() {
    assertThat(parse("a\\*b*")).isEqualTo(new Wildcard(null, "a\\*b*"));
  }

  @Test
  void fieldStarIsExists() {
    assertThat(parse("trace_id:*")).isEqualTo(new Exists("trace_id"));
  }

  @Test
  void regexWithEscapedSlashAndKeptBackslashes() {
    assertThat(parse("uri:/\\/api\\/v\\d+/")).isEqualTo(new Regex("uri", "/api/v\\d+"));
    assertThat(parse("/a|b/")).isEqualTo(new Regex(null, "a|b"));
  }

  @Test
  void slashInsideAWordIsOrdinary() {
    assertThat(parse("uri:api/v1/users")).isEqualTo(term("uri", "api/v1/users"));
  }

  // --- ranges

  @Test
  void exclusiveAndMixedRanges() {
    assertThat(parse("n:{1 TO 5}")).isEqualTo(new Range("n", "1", "5", false, false));
    assertThat(parse("n:[1 TO 5}")).isEqualTo(new Range("n", "1", "5", true, false));
    assertThat(parse("n:{1 TO 5]")).isEqualTo(new Range("n", "1", "5", false, true));
  }

  @Test
  void openEndsAreNullAndInclusive() {
    assertThat(parse("n:[10 TO *]")).isEqualTo(new Range("n", "10", null, true, true));
    assertThat(parse("n:{* TO 10}")).isEqualTo(new Range("n", null, "10", true, false));
  }

  @Test
  void rangeOpenAtBothEndsIsExists() {
    assertThat(parse("n:[* TO *]")).isEqualTo(new Exists("n"));
  }

  @Test
  void rangeBoundsMayBeTimestampsWithColonsOrQuoted() {
    assertThat(parse("timestamp:[2026-11-21T17:00:00Z TO \"2026-11-21 18:00\"]"))
        .isEqualTo(new Range("timestamp", "2026-11-21T17:00:00Z", "2026-11-21 18:00", true, true));
  }

  @Test
  void rangeBoundsMayBeNegative() {
    assertThat(parse("t:[-10 TO -1]")).isEqualTo(new Range("t", "-10", "-1", true, true));
  }

  @Test
  void comparisonShorthands() {
    assertThat(parse("n:>=5")).isEqualTo(new Range("n", "5", null, true, true));
    assertThat(parse("n:<5")).isEqualTo(new Range("n", null, "5", true, false));
    assertThat(parse("n:<=5")).isEqualTo(new Range("n", null, "5", true, true));
    assertThat(parse("timestamp:>2026-11-21T17:00:00Z"))
        .isEqualTo(new Range("timestamp", "2026-11-21T17:00:00Z", null, false, true));
  }

  // --- boolean structure

  @Test
  void symbolOperators() {
    assertThat(parse("a && b || !c")).isEqualTo(or(and(word("a"), word("b")), new Not(word("c"))));
  }

  @Test
  void plusMarksARequiredClauseWhichIsAPlainClause() {
    assertThat(parse("+a +b")).isEqualTo(and(word("a"), word("b")));
  }

  @Test
  void notBindsTighterThanAnd() {
    assertThat(parse("NOT a b")).isEqualTo(and(new Not(word("a")), word("b")));
    assertThat(parse("a NOT b")).isEqualTo(and(word("a"), new Not(word("b"))));
  }

  @Test
  void parenthesesOverridePrecedence() {
    assertThat(parse("(a OR b) AND c")).isEqualTo(and(or(word("a"), word("b")), word("c")));
    assertThat(parse("NOT (a OR b)")).isEqualTo(new Not(or(word("a"), word("b"))));
  }

  @Test
  void nestedAndOrOfTheSameKindAreFlattened() {
    assertThat(parse("a AND (b AND c) d")).isEqualTo(and(word("a"), word("b"), word("c"), word("d")));
    assertThat(parse("(a OR b) OR (c OR d)")).isEqualTo(or(word("a"), word("b"), word("c"), word("d")));
  }

  @Test
  void singleClauseGroupIsTheClause() {
    assertThat(parse("((level:ERROR))")).isEqualTo(term("level", "ERROR"));
  }

  @Test
  void fieldGroupAppliesTheFieldToEveryInnerClause() {
    assertThat(parse("level:(ERROR WARN)")).isEqualTo(and(term("level", "ERROR"), term("level", "WARN")));
    assertThat(parse("m:(\"a b\" OR c* OR /d/ OR [1 TO 2] OR >5 OR -e)"))
        .isEqualTo(or(
            new Phrase("m", "a b"),
            new Wildcard("m", "c*"),
            new Regex("m", "d"),
            new Range("m", "1", "2", true, true),
            new Range("m", "5", null, false, true),
            new Not(term("m", "e"))));
  }

  @Test
  void fieldGroupValuesMayHoldColons() {
    assertThat(parse("ts:(12:00 OR 13:00) x:y"))
        .isEqualTo(and(or(term("ts", "12:00"), term("ts", "13:00")), term("x", "y")));
  }

  @Test
  void fieldGroupStarIsExists() {
    assertThat(parse("level:(*)")).isEqualTo(new Exists("level"));
  }

  // --- pipes

  @Test
  void parseFilterStopsAtThePipe() {
    String text = "level:ERROR | stats count() by service";
    ParsedFilter filter = QueryParser.parseFilter(text);
    assertThat(filter.query()).isEqualTo(term("level", "ERROR"));
    assertThat(filter.end()).isEqualTo(12);
    assertThat(text.charAt(filter.end())).isEqualTo('|');
    assertThat(filter.stoppedAtPipe(text)).isTrue();
  }

  @Test
  void parseFilterDoesNotLexThePipesAfterTheBar() {
    String text = "a | eval x = a / b, y = \"unterminated";
    assertThat(QueryParser.parseFilter(text).query()).isEqualTo(word("a"));
  }

  @Test
  void blankFilterBeforeAPipeMatchesAll() {
    ParsedFilter filter = QueryParser.parseFilter("| head 20");
    assertThat(filter.query()).isEqualTo(new MatchAll());
    assertThat(filter.end()).isZero();
  }

  @Test
  void parseFilterWithoutAPipeEndsAtTheLength() {
    String text = "a OR b  ";
    ParsedFilter filter = QueryParser.parseFilter(text);
    assertThat(filter.end()).isEqualTo(text.length());
    assertThat(filter.stoppedAtPipe(text)).isFalse();
  }

  @Test
  void doubleBarIsOrNotAPipe() {
    assertThat(QueryParser.parseFilter("a || b").query()).isEqualTo(or(word("a"), word("b")));
  }
}
