package dev.corral.query.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each extractor on typical and on bad input, through {@link Extraction#apply} as the pipes run it. */
class ExtractionTest {
  private static LogEvent event(String message, Object... fields) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      map.put((String) fields[i], fields[i + 1]);
    }
    return new LogEvent(1_000L, Level.INFO, message, Fields.of(map));
  }

  private static Map<String, Object> extract(ExtractFormat format, String message) {
    return Extraction.compile(format, "message", null, " ", "=", null).apply(event(message)).fields().toMap();
  }

  private static Map<String, Object> parse(String pattern, String message) {
    return Extraction.compile(ExtractFormat.PARSE, "message", pattern, null, null, null).apply(event(message)).fields()
        .toMap();
  }

  @Test
  void jsonFlattensObjectsKeepsTypesAndWritesArraysAsJsonText() {
    Map<String, Object> fields = extract(ExtractFormat.JSON,
        "{\"http\":{\"status\":500,\"path\":\"/pay\"},\"ok\":true,\"ms\":1.5,\"code\":\"500\",\"tags\":[\"a\",{\"b\":1}],"
            + "\"gone\":null}");
    assertThat(fields).containsExactly(Map.entry("http.status", 500L), Map.entry("http.path", "/pay"),
        Map.entry("ok", true), Map.entry("ms", 1.5), Map.entry("code", "500"),
        Map.entry("tags", "[\"a\",{\"b\":1}]"));
  }

  @Test
  void extractedNamesThatTheEventHasGetTheExtractedSuffix() {
    LogEvent event = event("{\"message\":\"inner\",\"level\":\"warn\",\"service\":\"x\",\"Service\":\"y\",\"new\":1}",
        "service", "api");
    LogEvent extracted = Extraction.compile(ExtractFormat.JSON, "message", null, null, null, null).apply(event);
    assertThat(extracted.message()).startsWith("{");
    assertThat(extracted.fields().toMap()).containsExactly(Map.entry("service", "api"),
        Map.entry("message_extracted", "inner"), Map.entry("level_extracted", "warn"),
        Map.entry("service_extracted", "y"), Map.entry("new", 1L));
  }

  @Test
  void aPrefixGoesBeforeEveryNameAndTheClashRuleSeesTheWholeName() {
    LogEvent event = event("{\"status\":500,\"a\":{\"b\":1}}", "req.a.b", 0L);
    assertThat(Extraction.compile(ExtractFormat.JSON, "message", null, null, null, "req").apply(event).fields().toMap())
        .containsExactly(Map.entry("req.a.b", 0L), Map.entry("req.status", 500L), Map.entry("req.a.b_extracted", 1L));
  }

  @Test
  void invalidJsonAddsOnlyTheErrorFields() {
    for (String bad : new String[] {"{\"a\":", "not json", "[1,2]", "{\"a\":1} trailing", "{'a':1}", ""}) {
      Map<String, Object> fields = extract(ExtractFormat.JSON, bad);
      assertThat(fields).as(bad).containsOnlyKeys(Extraction.ERROR, Extraction.ERROR_DETAILS);
      assertThat(fields.get(Extraction.ERROR)).as(bad).isEqualTo("JSONParserErr");
    }
  }

  @Test
  void jsonNestedBeyondTheDepthLimitIsAnError() {
    String deep = "{\"a\":".repeat(JsonExtractor.MAX_DEPTH + 1) + "1" + "}".repeat(JsonExtractor.MAX_DEPTH + 1);
    Map<String, Object> fields = extract(ExtractFormat.JSON, deep);
    assertThat(fields.get(Extraction.ERROR)).isEqualTo("JSONParserErr");
    assertThat((String) fields.get(Extraction.ERROR_DETAILS)).contains("deeper than " + JsonExtractor.MAX_DEPTH);
    String atLimit = "{\"a\":".repeat(JsonExtractor.MAX_DEPTH) + "1" + "}".repeat(JsonExtractor.MAX_DEPTH);
    assertThat(extract(ExtractFormat.JSON, atLimit)).containsOnlyKeys("a.".repeat(JsonExtractor.MAX_DEPTH - 1) + "a");
  }

  @Test
  void hugeValuesAreKeptAndTooManyValuesAreAnError() {
    String huge = "x".repeat(200_000);
    assertThat(extract(ExtractFormat.LOGFMT, "big=" + huge)).containsExactly(Map.entry("big", huge));
    StringBuilder wide = new StringBuilder();
    for (int i = 0; i <= ExtractedValues.MAX_VALUES; i++) {
      wide.append("k").append(i).append("=1 ");
    }
    Map<String, Object> fields = extract(ExtractFormat.LOGFMT, wide.toString());
    assertThat(fields.get(Extraction.ERROR)).isEqualTo("LimitsExceeded");
    assertThat(fields).hasSize(2);
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    Map<String, Object> fields = extract(ExtractFormat.JSON, "{\"a\":\"x\\ud800y\",\"b\":\"\\ud83d\\ude00\"}");
    assertThat(fields).containsExactly(Map.entry("a", "x\uFFFDy"), Map.entry("b", "\uD83D\uDE00"));
    assertThat(extract(ExtractFormat.LOGFMT, "k=a\uDC00b")).containsExactly(Map.entry("k", "a\uFFFDb"));
  }

  @Test
  void logfmtReadsQuotedValuesEscapesBareKeysAndTypesNumbers() {
    Map<String, Object> fields = extract(ExtractFormat.LOGFMT,
        "level=warn msg=\"disk \\\"full\\\"\\n\\u00e9\" status=503 ms=12.5 zip=007 big=99999999999999999999 flag "
            + "empty= status=504");
    assertThat(fields).containsExactly(Map.entry("level_extracted", "warn"), Map.entry("msg", "disk \"full\"\né"),
        Map.entry("status", 504L), Map.entry("ms", 12.5), Map.entry("zip", "007"),
        Map.entry("big", "99999999999999999999"), Map.entry("flag", ""), Map.entry("empty", ""));
  }

  @Test
  void badLogfmtIsAnError() {
    for (String bad : new String[] {"msg=\"unterminated", "a=b\"c", "=value", "msg=\"bad \\x escape\""}) {
      assertThat(extract(ExtractFormat.LOGFMT, bad).get(Extraction.ERROR)).as(bad).isEqualTo("LogfmtParserErr");
    }
  }

  @Test
  void kvSplitsOnTheGivenSeparatorsAndSkipsPiecesWithoutOne() {
    LogEvent event = event("m", "raw", "a:1; b : two ;;noseparator; :empty;c:x:y");
    Map<String, Object> fields = Extraction.compile(ExtractFormat.KV, "raw", null, ";", ":", null).apply(event).fields()
        .toMap();
    assertThat(fields).containsExactly(Map.entry("raw", "a:1; b : two ;;noseparator; :empty;c:x:y"),
        Map.entry("a", 1L), Map.entry("b", "two"), Map.entry("c", "x:y"));
  }

  @Test
  void dissectCapturesBetweenLiteralsAndSkipsUnnamedCaptures() {
    String pattern = "%{ip} - %{user} [%{_}] \"%{method} %{path} %{?proto}\" %{status} %{bytes}";
    Map<String, Object> fields = parse(pattern,
        "10.0.0.1 - alice [21/Nov/2026:10:00:00 +0000] \"GET /pay HTTP/1.1\" 502 1234");
    assertThat(fields).containsExactly(Map.entry("ip", "10.0.0.1"), Map.entry("user", "alice"),
        Map.entry("method", "GET"), Map.entry("path", "/pay"), Map.entry("status", 502L), Map.entry("bytes", 1234L));
    assertThat(parse(pattern, "not an access log line")).isEmpty();
    assertThat(parse("start %{a}", "other a")).isEmpty();
  }

  @Test
  void badDissectPatternsAreRefusedWithThePlace() {
    assertThatThrownBy(() -> DissectPattern.compile("no captures")).isInstanceOf(BadPatternException.class)
        .hasMessageContaining("no capture");
    assertThatThrownBy(() -> DissectPattern.compile("%{a}%{b}")).isInstanceOf(BadPatternException.class)
        .hasMessageContaining("two captures in a row").extracting(e -> ((BadPatternException) e).index()).isEqualTo(4);
    assertThatThrownBy(() -> DissectPattern.compile("x %{a")).isInstanceOf(BadPatternException.class)
        .extracting(e -> ((BadPatternException) e).index()).isEqualTo(2);
  }

  @Test
  void regexWithNamedGroupsTakesTheFirstMatch() {
    assertThat(parse("(?<method>[A-Z]+) (?P<path>/\\S*) .* (?<status>\\d{3})", "x GET /pay HTTP/1.1 500 12"))
        .containsExactly(Map.entry("method", "GET"), Map.entry("path", "/pay"), Map.entry("status", 500L));
    assertThat(parse("(?<n>\\d+)ms", "no number")).isEmpty();
    assertThat(parse("(?<a>x)|(?<b>y)", "y")).containsExactly(Map.entry("b", "y"));
  }

  @Test
  void aHostileRegexStopsAtItsStepBudget() {
    // (.*a){12} backtracks over every way to place 12 a's in the line: Java's loop memo does not help
    Map<String, Object> fields = parse("(?<a>(.*a){12})x", "a".repeat(30) + "!");
    assertThat(fields.get(Extraction.ERROR)).isEqualTo("PatternBudgetExceeded");
    assertThat((String) fields.get(Extraction.ERROR_DETAILS)).contains(Integer.toString(RegexPattern.MAX_STEPS));
  }

  @Test
  void invalidRegexIsRefusedWithItsIndex() {
    assertThatThrownBy(() -> RegexPattern.compile("(?<a>[a-z)")).isInstanceOf(BadPatternException.class)
        .hasMessageContaining("invalid regex");
    assertThatThrownBy(() -> RegexPattern.compile("(?<a_b>x)")).isInstanceOf(BadPatternException.class);
  }

  @Test
  void aMissingOrNonTextSourceLeavesTheEventAsItIs() {
    LogEvent event = event("m", "n", 5L);
    assertThat(Extraction.compile(ExtractFormat.JSON, "nope", null, null, null, null).apply(event)).isSameAs(event);
    assertThat(Extraction.compile(ExtractFormat.LOGFMT, "n", null, null, null, null).apply(event)).isSameAs(event);
  }

  @Test
  void textIsANumberOnlyWhenItReadsBackTheSame() {
    assertThat(ExtractedValues.typed("42")).isEqualTo(42L);
    assertThat(ExtractedValues.typed("-0")).isEqualTo(0L);
    assertThat(ExtractedValues.typed("1.5e3")).isEqualTo(1500.0);
    for (String text : new String[] {"007", "+1", "1.", ".5", "0x1f", "NaN", "1e999", "12ms", ""}) {
      assertThat(ExtractedValues.typed(text)).as(text).isEqualTo(text);
    }
  }
}
