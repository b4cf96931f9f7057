package dev.corral.query.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.extract.ExtractFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extraction pipes' syntax: fields, options, patterns, and the errors with their caret. */
class ExtractPipeParserTest {
  private static List<Pipe> pipes(String text) {
    return QueryPlanParser.parse(text).pipes();
  }

  private static void assertFails(String text, String reasonPart, int position) {
    QueryPlanParserTest.assertFails(text, reasonPart, position);
  }

  @Test
  void jsonAndLogfmtReadMessageUnlessAFieldIsNamed() {
    assertThat(pipes("* | json | logfmt payload | JSON \"odd name\" | where code >= 500")).containsExactly(
        ExtractPipe.of(ExtractFormat.JSON, "message"), ExtractPipe.of(ExtractFormat.LOGFMT, "payload"),
        ExtractPipe.of(ExtractFormat.JSON, "odd name"), new WherePipe("code", CompareOp.GE, "500"));
  }

  @Test
  void kvTakesAFieldAndSeparatorOptions() {
    assertThat(pipes("* | kv")).containsExactly(new ExtractPipe(ExtractFormat.KV, "message", null, " ", "=", null));
    assertThat(pipes("* | kv raw pair_sep=\";\" kv_sep=\":\" | head 1")).containsExactly(
        new ExtractPipe(ExtractFormat.KV, "raw", null, ";", ":", null), new HeadPipe(1));
    assertThat(pipes("* | kv kv_sep=\":\"")).containsExactly(new ExtractPipe(ExtractFormat.KV, "message", null, " ",
        ":", null));
    assertFails("* | kv sep=\";\"", "unknown kv option 'sep'", 7);
  }

  @Test
  void parseTakesADissectPatternOrARegexAndAField() {
    assertThat(pipes("* | parse \"%{ip} - %{user} [%{ts}] \\\"%{method} %{path}\\\"\" line")).containsExactly(
        new ExtractPipe(ExtractFormat.PARSE, "line", "%{ip} - %{user} [%{ts}] \"%{method} %{path}\"", null, null, null));
    assertThat(pipes("* | parse `(?<status>\\d{3}) (?<bytes>\\d+)$`")).containsExactly(
        new ExtractPipe(ExtractFormat.PARSE, "message", "(?<status>\\d{3}) (?<bytes>\\d+)$", null, null, null));
  }

  @Test
  void asPutsTheExtractedNamesUnderAPrefix() {
    assertThat(pipes("* | json as req | logfmt payload as p | kv raw kv_sep=\":\" as k")).containsExactly(
        ExtractPipe.of(ExtractFormat.JSON, "message").withPrefix("req"),
        ExtractPipe.of(ExtractFormat.LOGFMT, "payload").withPrefix("p"),
        new ExtractPipe(ExtractFormat.KV, "raw", null, " ", ":", "k"));
    assertThat(pipes("* | json as")).containsExactly(ExtractPipe.of(ExtractFormat.JSON, "as"));
    assertFails("* | json payload as", "expected a prefix after 'as'", 19);
  }

  @Test
  void parseWithoutAPatternPointsAtWhatCameInstead() {
    assertFails("* | parse", "parse needs a pattern in quotes", 9);
    assertFails("* | parse message", "parse needs a pattern in quotes, such as", 10);
    assertFails("* | parse \"\"", "the parse pattern is empty", 10);
  }

  @Test
  void unterminatedPatternsPointAtTheirQuote() {
    assertFails("* | parse \"%{a} x", "unterminated string", 10);
    assertFails("* | parse `(?<a>x)", "unterminated string: missing closing `", 10);
  }

  @Test
  void badPatternsPointIntoThePattern() {
    assertFails("* | parse `(?<a>[a-z)`", "invalid regex: Unclosed character class", 20);
    assertFails("* | parse \"%{a}%{b}\"", "two captures in a row", 15);
    assertFails("* | parse \"no captures\"", "has no capture", 11);
    assertFails("* | parse `(?<status_code>\\d+)`", "invalid regex: named capturing group is missing trailing '>'", 20); // at the _
  }

  @Test
  void extractionComesBeforeTheAggregationAndAfterNoFields() {
    assertFails("* | stats count() | json", "'json' reads events; put it before 'stats'", 20);
    assertFails("* | fields a | logfmt", "'fields' at position 4 comes before 'logfmt'", 4);
  }

  @Test
  void unknownPipeSuggestsTheExtractionPipes() {
    assertFails("* | jsn", "did you mean 'json'", 4);
  }
}
