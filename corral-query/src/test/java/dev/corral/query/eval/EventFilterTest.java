package dev.corral.query.eval;

import static dev.corral.query.eval.Events.T0;
import static dev.corral.query.eval.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.QueryParser;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  private static boolean matches(String query, LogEvent event) {
    Predicate<LogEvent> filter = EventFilter.compile(QueryParser.parse(query), T0.plusSeconds(60));
    return filter.test(event);
  }

  private static final LogEvent PAYMENT = event(0, Level.ERROR, "Card declined: insufficient funds (code=51)",
      "service", "payment-gateway", "http.status_code", 500L, "duration", 1234.5, "retry", true,
      "exception.stacktrace", "java.lang.IllegalStateException: Timeout\n\tat Foo.bar(Foo.java:10)", "code", "0042");

  @Test
  void matchAllAndBooleanOperators() {
    assertThat(matches("", PAYMENT)).isTrue();
    assertThat(matches("*", PAYMENT)).isTrue();
    assertThat(matches("service:payment-gateway AND level:ERROR", PAYMENT)).isTrue();
    assertThat(matches("service:other OR level:ERROR", PAYMENT)).isTrue();
    assertThat(matches("NOT level:ERROR", PAYMENT)).isFalse();
    assertThat(matches("-service:other -level:WARN", PAYMENT)).isTrue();
  }

  @Test
  void freeTextIsAnalyzedOverMessageAndStacktrace() {
    assertThat(matches("declined", PAYMENT)).isTrue();
    assertThat(matches("DECLINED", PAYMENT)).isTrue();
    assertThat(matches("\"card declined\"", PAYMENT)).isTrue();
    assertThat(matches("\"declined card\"", PAYMENT)).isFalse();
    assertThat(matches("decline", PAYMENT)).isFalse();
    assertThat(matches("timeout", PAYMENT)).isTrue(); // from the stack trace
    assertThat(matches("code", PAYMENT)).isTrue();
    assertThat(matches("51", PAYMENT)).isTrue();
    assertThat(matches("\"!!\"", PAYMENT)).isFalse(); // no words: nothing
    assertThat(matches("payment-gateway", PAYMENT)).isFalse(); // a field, not the message
  }

  @Test
  void fullTextFieldTermsAndNumbers() {
    assertThat(matches("message:insufficient", PAYMENT)).isTrue();
    assertThat(matches("message:\"insufficient funds\"", PAYMENT)).isTrue();
    assertThat(matches("MESSAGE:funds", PAYMENT)).isTrue();
    LogEvent numericTrace = event("x", "exception.stacktrace", 42L);
    assertThat(matches("exception.stacktrace:42", numericTrace)).isTrue();
    assertThat(matches("42", numericTrace)).isFalse(); // free text has no numeric twin
  }

  @Test
  void keywordTermsAreExactAndNumbersMatchEitherType() {
    assertThat(matches("service:payment-gateway", PAYMENT)).isTrue();
    assertThat(matches("service:payment", PAYMENT)).isFalse();
    assertThat(matches("SERVICE:payment-gateway", PAYMENT)).isTrue();
    assertThat(matches("Service:\"payment-gateway\"", PAYMENT)).isTrue();
    assertThat(matches("http.status_code:500", PAYMENT)).isTrue();
    assertThat(matches("http.status_code:500.0", PAYMENT)).isTrue();
    assertThat(matches("HTTP.status_code:500", PAYMENT)).isFalse(); // non-reserved names are case-sensitive
    assertThat(matches("retry:true", PAYMENT)).isTrue();
    assertThat(matches("code:0042", PAYMENT)).isTrue();
    assertThat(matches("code:42", PAYMENT)).isFalse(); // a string is not read as a number
    assertThat(matches("status:500", event("m", "status", "500"))).isTrue();
    assertThat(matches("status:500", event("m", "status", 500.0))).isTrue();
    assertThat(matches("status:-0", event("m", "status", 0L))).isFalse(); // as Lucene points
  }

  @Test
  void typeChangingFieldsMatchByEachEventsType() {
    LogEvent asText = event("m", "user", "alice");
    LogEvent asNumber = event("m", "user", 7L);
    assertThat(matches("user:alice", asText)).isTrue();
    assertThat(matches("user:alice", asNumber)).isFalse();
    assertThat(matches("user:7", asNumber)).isTrue();
    assertThat(matches("user:>5", asNumber)).isTrue();
    assertThat(matches("user:>5", event("m", "user", "9"))).isFalse(); // numeric range skips strings
    assertThat(matches("user:[a TO b]", asText)).isTrue();
    assertThat(matches("user:[a TO b]", asNumber)).isFalse(); // lexical range skips numbers
    assertThat(matches("user:al*", asNumber)).isFalse();
    assertThat(matches("user:*", asNumber)).isTrue();
  }

  @Test
  void levelTermsAreReadAsLevels() {
    assertThat(matches("level:error", PAYMENT)).isTrue();
    assertThat(matches("level:err", PAYMENT)).isTrue();
    assertThat(matches("LEVEL:Error", PAYMENT)).isTrue();
    assertThat(matches("level:>=WARN", PAYMENT)).isTrue();
    assertThat(matches("level:<ERROR", PAYMENT)).isFalse();
    assertThat(matches("level:[debug TO warning]", PAYMENT)).isFalse();
    assertThat(matches("level:(WARN OR ERROR)", PAYMENT)).isTrue();
    assertThat(matches("level:er*", PAYMENT)).isTrue();
    assertThat(matches("level:/err.r/", PAYMENT)).isTrue();
    assertThat(matches("level:[A TO F]", PAYMENT)).isTrue(); // not level names: the name as text
  }

  @Test
  void numericAndLexicalRanges() {
    assertThat(matches("duration:>1000", PAYMENT)).isTrue();
    assertThat(matches("duration:[1234.5 TO 2000]", PAYMENT)).isTrue();
    assertThat(matches("duration:{1234.5 TO 2000]", PAYMENT)).isFalse();
    assertThat(matches("duration:<1234.5", PAYMENT)).isFalse();
    assertThat(matches("duration:<=1234.5", PAYMENT)).isTrue();
    assertThat(matches("service:[payment TO q]", PAYMENT)).isTrue();
    assertThat(matches("service:{payment-gateway TO q]", PAYMENT)).isFalse();
    assertThat(matches("service:[a TO 5]", PAYMENT)).isFalse(); // one bound is text: lexical
    assertThat(matches("message:[insufficient TO insufficient]", PAYMENT)).isTrue();
  }

  @Test
  void timestampTermsAndRangesUseTimeExpressions() {
    assertThat(matches("timestamp:[now-5m TO now]", PAYMENT)).isTrue();
    assertThat(matches("timestamp:>now-30s", PAYMENT)).isFalse();
    assertThat(matches("timestamp:\"2026-11-21T17:00:00Z\"", PAYMENT)).isTrue();
    assertThat(matches("timestamp:{2026-11-21T17:00:00Z TO *]", PAYMENT)).isFalse();
    assertThat(matches("timestamp:[2026-11-21 TO 2026-11-22}", PAYMENT)).isTrue();
    assertThatThrownBy(() -> matches("timestamp:>yesterday", PAYMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp bound 'yesterday' is not a time");
  }

  @Test
  void existsMatchesAnyValueIncludingUnindexedOnes() {
    assertThat(matches("http.status_code:*", PAYMENT)).isTrue();
    assertThat(matches("trace_id:*", PAYMENT)).isFalse();
    assertThat(matches("timestamp:* AND level:* AND message:*", event(""))).isTrue();
    assertThat(matches("trace_id:[* TO *]", event("m", "trace_id", ""))).isTrue();
  }

  @Test
  void overlongKeywordsAreOnlyFoundByExists() {
    String longValue = "x".repeat(EventFilter.DEFAULT_MAX_KEYWORD_BYTES + 1);
    LogEvent event = event("m", "blob", longValue, "fits", "é".repeat(EventFilter.DEFAULT_MAX_KEYWORD_BYTES / 2));
    assertThat(matches("blob:" + longValue, event)).isFalse();
    assertThat(matches("blob:x*", event)).isFalse();
    assertThat(matches("blob:/x+/", event)).isFalse();
    assertThat(matches("blob:[a TO z]", event)).isFalse();
    assertThat(matches("blob:*", event)).isTrue();
    assertThat(matches("fits:é*", event)).isTrue();
    assertThat(matches("fits:é*", event("m", "fits", "é".repeat(EventFilter.DEFAULT_MAX_KEYWORD_BYTES / 2 + 1))))
        .isFalse(); // 2 bytes per char in UTF-8
    String longText = "word ".repeat(1000);
    assertThat(matches("exception.stacktrace:word", event("m", "exception.stacktrace", longText))).isTrue();
  }

  @Test
  void wildcardsAndRegexes() {
    assertThat(matches("service:pay*", PAYMENT)).isTrue();
    assertThat(matches("service:pay?ent-gateway", PAYMENT)).isTrue();
    assertThat(matches("service:Pay*", PAYMENT)).isFalse(); // keywords are case-sensitive
    assertThat(matches("Declin*", PAYMENT)).isTrue(); // free text is lowercased
    assertThat(matches("message:insuff?cient", PAYMENT)).isTrue();
    assertThat(matches("/time.?out/", PAYMENT)).isTrue();
    assertThat(matches("message:/fund.*/", PAYMENT)).isTrue();
    assertThat(matches("service:/pay.*/", PAYMENT)).isTrue();
    assertThat(matches("service:/pay/", PAYMENT)).isFalse(); // whole-value match
    assertThat(matches("http.status_code:5*", PAYMENT)).isFalse(); // numbers are not keywords
    assertThat(matches("code:\\*", event("m", "code", "*"))).isTrue();
  }

  @Test
  void hostileRegexesFailClearly() {
    assertThatThrownBy(() -> matches("message:/(a|aa)*(b|bb){1000}c[a-z]{500}.*x{200}~(.*y)/", PAYMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is too complex");
    assertThatThrownBy(() -> matches("service:/[a-/", PAYMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex /[a-/ is invalid");
  }
}
