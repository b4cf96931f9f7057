package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class QuerySyntaxErrorTest {

  private static QuerySyntaxException failure(String text) {
    QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(text));
    assertThat(e).as("parsing %s", text).isNotNull();
    assertThat(e.query()).isEqualTo(text);
    return e;
  }

  private static void assertFails(String text, String reasonPart, int position) {
    QuerySyntaxException e = failure(text);
    assertThat(e.reason()).as("reason for %s", text).contains(reasonPart);
    assertThat(e.position()).as("position for %s (%s)", text, e.getMessage()).isEqualTo(position);
  }

  @Test
  void fieldWithoutValue() {
    assertFails("level:", "expected a value after 'level:'", 6);
    assertFails("level: AND x", "expected a value after 'level:', found 'AND'", 7);
    assertFails("(level:)", "expected a value after 'level:'", 7);
  }

  @Test
  void unclosedParenthesisPointsAtTheOpeningOne() {
    assertFails("a AND (b OR c", "unclosed '('", 6);
    assertFails("(", "unclosed '('", 0);
    assertFails("level:(ERROR | stats count()", "unclosed '('", 6);
  }

  @Test
  void unmatchedClosingParenthesis() {
    assertFails("a b)", "unmatched ')'", 3);
    assertFails(")", "unmatched ')'", 0);
  }

  @Test
  void emptyParentheses() {
    assertFails("a ()", "empty parentheses", 2);
  }

  @Test
  void unclosedQuote() {
    assertFails("message:\"card declined", "unclosed '\"'", 8);
    assertFails("\"ends with escape\\", "unclosed '\"'", 0);
  }

  @Test
  void danglingOperators() {
    assertFails("a AND", "expected a clause after 'AND', found the end of the query", 5);
    assertFails("a OR", "expected a clause after 'OR'", 4);
    assertFails("AND b", "'AND' needs a clause before it", 0);
    assertFails("OR b", "'OR' needs a clause before it", 0);
    assertFails("a AND OR b", "expected a clause after 'AND', found 'OR'", 6);
    assertFails("NOT", "expected a clause after 'NOT'", 3);
    assertFails("a -", "expected a clause after '-'", 3);
  }

  @Test
  void badRanges() {
    assertFails("n:[1 5]", "expected 'TO'", 5);
    assertFails("n:[1 TO 5", "unclosed range '['", 2);
    assertFails("n:[1 TO 5 | head", "unclosed range '['", 2);
    assertFails("n:[1 TO]", "expected an upper bound after 'TO'", 7);
    assertFails("n:[TO 5]", "expected a lower bound", 3);
    assertFails("n:[1 TO 5 6]", "expected ']' or '}'", 10);
    assertFails("n:[a* TO b]", "cannot be a range bound", 3);
    assertFails("[1 TO 5]", "a range needs a field", 0);
  }

  @Test
  void comparisonWithoutValue() {
    assertFails("n:>", "expected a value after '>'", 3);
    assertFails("n:>=*", "expected a value after '>='", 4);
  }

  @Test
  void unterminatedRegex() {
    assertFails("message:/time.?out", "unclosed regex", 8);
    assertFails("/a\\/", "unclosed regex", 0);
  }

  @Test
  void strayColon() {
    assertFails(":x", "':' must follow a field name", 0);
    assertFails("\"a b\":c", "':' must follow a field name", 5);
  }

  @Test
  void trailingBackslash() {
    assertFails("abc\\", "'\\' at the end of the query", 3);
  }

  @Test
  void unsupportedBoostAndFuzzy() {
    assertFails("foo^2", "boosting", 3);
    assertFails("foo~", "fuzzy", 3);
    assertFails("\"a b\"~3", "proximity", 5);
  }

  @Test
  void wildcardInFieldName() {
    assertFails("http.*:500", "wildcards in field names", 0);
  }

  @Test
  void parseRejectsPipes() {
    assertFails("level:ERROR | stats count()", "unexpected '|'", 12);
  }

  @Test
  void bracketOutsideRange() {
    assertFails("a ]", "unexpected ']': no range is open", 2);
    assertFails("] a", "expected a clause, found ']'", 0);
  }

  @Test
  void nestingBeyondTheLimitIsASyntaxErrorNotAStackOverflow() {
    QuerySyntaxException e = failure("(".repeat(10_000) + "a" + ")".repeat(10_000));
    assertThat(e.reason()).contains("nests deeper than " + QueryParser.MAX_NESTING);
    assertThat(e.position()).isEqualTo(QueryParser.MAX_NESTING);

    assertThat(failure("NOT ".repeat(10_000) + "a").reason()).contains("nests deeper");
    assertThat(failure("-".repeat(10_000) + "a").reason()).contains("nests deeper");
    assertThat(failure("f:(".repeat(10_000)).reason()).contains("nests deeper");
  }

  @Test
  void nestingAtTheLimitParses() {
    int depth = QueryParser.MAX_NESTING;
    assertThat(QueryParser.parse("(".repeat(depth) + "a" + ")".repeat(depth)))
        .isEqualTo(new dev.corral.query.ast.Term(null, "a"));
  }

  @Test
  void longFlatQueriesDoNotRecurse() {
    assertThat(QueryParser.parse("a ".repeat(100_000))).isNotNull();
    assertThat(QueryParser.parse("+".repeat(100_000) + "a")).isNotNull();
  }

  @Test
  void caretPointsAtTheOffendingCharacter() {
    QuerySyntaxException e = failure("level:ERROR AND");
    assertThat(e.caret()).isEqualTo("level:ERROR AND\n" + " ".repeat(15) + "^");
    assertThat(e.getMessage()).endsWith("at position 15");
  }
}
