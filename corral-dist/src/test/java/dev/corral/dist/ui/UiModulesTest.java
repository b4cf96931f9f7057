package dev.corral.dist.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The UI's pure functions, run in the browser that runs the pages: the query text the UI writes
 * for a clicked value (checked against the server's parser with hostile values), where a pipe
 * starts, what the caret is completing, time expressions, and how a table becomes a chart.
 */
@ExtendWith(CorralUiExtension.class)
class UiModulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENTS = "/ui/lib/events.js";
  private static final String COMPLETIONS = "/ui/lib/completions.js";
  private static final String TIME = "/ui/lib/time.js";

  private final Browser browser;

  UiModulesTest(Browser browser) {
    this.browser = browser;
  }

  @BeforeEach
  void openUi() {
    browser.open("#/search"); // any page: the modules are what is tested
  }

  private JsonNode call(String module, String function, Object... args) throws Exception {
    return JSON.readTree(browser.call(module, function, args));
  }

  private String text(String module, String function, Object... args) throws Exception {
    return call(module, function, args).asText();
  }

  @Test
  void fieldClauseQuotesWhatWouldNotSurviveAsABareTerm() throws Exception {
    assertThat(text(EVENTS, "fieldClause", "service", "payment-gateway")).isEqualTo("service:payment-gateway");
    assertThat(text(EVENTS, "fieldClause", "http.status_code", 503)).isEqualTo("http.status_code:503");
    assertThat(text(EVENTS, "fieldClause", "message", "card declined")).isEqualTo("message:\"card declined\"");
    assertThat(text(EVENTS, "fieldClause", "x", "-1")).isEqualTo("x:\"-1\"");
    assertThat(text(EVENTS, "fieldClause", "x", "OR")).isEqualTo("x:\"OR\"");
    assertThat(text(EVENTS, "fieldClause", "x", "")).isEqualTo("x:\"\"");
    assertThat(text(EVENTS, "fieldClause", "x", "say \"hi\" \\ now")).isEqualTo("x:\"say \\\"hi\\\" \\\\ now\"");
    assertThat(text(EVENTS, "fieldClause", "level", "ERROR", Map.of("negate", true))).isEqualTo("-level:ERROR");
  }

  @Test
  void clickedHostileValuesMatchExactlyTheirEventOnTheServer(DemoDataServer server) throws Exception {
    List<String> values = List.of("a \"quoted\" \\ value: (x) OR y*", "path/with/slashes?q=1&b=[2]", "-leading-dash",
        "NOT", "tab\there", "ünïcødé ✓", "{braces} ~tilde ^caret !bang");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      lines.append(JSON.writeValueAsString(Map.of("timestamp", "2026-01-0" + (i + 1) + "T00:00:00Z",
          "service", "hostile-values", "odd", values.get(i), "message", "hostile value " + i))).append('\n');
    }
    server.ingest(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), values.size());
    browser.waitUntil("the hostile events to be searchable", d -> {
      try {
        return server.search("service:hostile-values", 0).path("total").asInt() == values.size();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (int i = 0; i < values.size(); i++) {
      String clause = text(EVENTS, "fieldClause", "odd", values.get(i));
      JsonNode answer = server.search(clause, 10);
      assertThat(answer.path("total").asInt()).as("events matching %s", clause).isEqualTo(1);
      assertThat(answer.path("events").get(0).path("message").asText()).isEqualTo("hostile value " + i);
      String negated = text(EVENTS, "fieldClause", "odd", values.get(i), Map.of("negate", true));
      assertThat(server.search("service:hostile-values " + negated, 10).path("total").asInt())
          .as("events matching %s", negated).isEqualTo(values.size() - 1);
    }
  }

  @Test
  void addClauseGoesBeforeThePipesAndKeepsOrGroupsTogether() throws Exception {
    assertThat(text(EVENTS, "addClause", "", "a:b")).isEqualTo("a:b");
    assertThat(text(EVENTS, "addClause", "*", "a:b")).isEqualTo("a:b");
    assertThat(text(EVENTS, "addClause", "level:ERROR", "a:b")).isEqualTo("level:ERROR a:b");
    assertThat(text(EVENTS, "addClause", "level:ERROR | stats count() by service", "a:b"))
        .isEqualTo("level:ERROR a:b | stats count() by service");
    assertThat(text(EVENTS, "addClause", "level:ERROR OR level:WARN", "a:b")).isEqualTo("(level:ERROR OR level:WARN) a:b");
  }

  @Test
  void firstPipeSkipsQuotesRegexesEscapesAndOr() throws Exception {
    assertThat(call(EVENTS, "firstPipe", "level:ERROR | stats count()").asInt()).isEqualTo(12);
    assertThat(call(EVENTS, "firstPipe", "a || b").asInt()).isEqualTo(-1);
    assertThat(call(EVENTS, "firstPipe", "\"a|b\" | head 1").asInt()).isEqualTo(6);
    assertThat(call(EVENTS, "firstPipe", "message:/a|b/ | head 1").asInt()).isEqualTo(14);
    assertThat(call(EVENTS, "firstPipe", "a \\| b").asInt()).isEqualTo(-1);
    assertThat(call(EVENTS, "firstPipe", "\"unclosed | quote").asInt()).isEqualTo(-1);
  }

  @Test
  void completionContextNamesWhatTheCaretIsIn() throws Exception {
    assertContext("serv", 4, "field", "serv", null, 0);
    assertContext("level:ERROR serv", 16, "field", "serv", null, 12);
    assertContext("service:pay", 11, "value", "pay", "service", 0);
    assertContext("-service:pay", 12, "value", "pay", "service", 1);
    assertContext("(service:\"pay", 13, "value", "pay", "service", 1);
    assertContext("a | st", 6, "pipe", "st", null, 4);
    assertContext("a | stats count() by se", 23, "pipe-field", "se", null, 21);
    assertContext("x:[1", 4, "none", "[1", "x", 0);
    assertContext("a AND", 5, "none", "AND", null, 2);
  }

  private void assertContext(String text, int caret, String kind, String prefix, String field, int start) throws Exception {
    JsonNode context = call(COMPLETIONS, "completionContext", text, caret);
    assertThat(context.path("kind").asText()).as("kind in '%s' at %d", text, caret).isEqualTo(kind);
    assertThat(context.path("prefix").asText()).as("prefix in '%s' at %d", text, caret).isEqualTo(prefix);
    assertThat(context.path("field").isNull() ? null : context.path("field").asText()).isEqualTo(field);
    assertThat(context.path("start").asInt()).as("start in '%s' at %d", text, caret).isEqualTo(start);
  }

  @Test
  void timeExpressionsResolveLikeTheServerReadsThem() throws Exception {
    long now = 1_795_000_000_123L; // 2026-11-18T11:06:40.123Z
    assertThat(call(TIME, "resolveTime", "now", now).asLong()).isEqualTo(now);
    assertThat(call(TIME, "resolveTime", "now-15m", now).asLong()).isEqualTo(now - 900_000);
    assertThat(call(TIME, "resolveTime", "now-1d/d", now).asLong()).isEqualTo(1_794_873_600_000L);
    assertThat(call(TIME, "resolveTime", "2026-11-21T17:00:00.123456789Z", now).asLong()).isEqualTo(1_795_280_400_123L);
    assertThat(call(TIME, "resolveTime", "2026-11-21", now).asLong()).isEqualTo(1_795_219_200_000L);
    assertThat(call(TIME, "resolveTime", "1795194000123", now).asLong()).isEqualTo(1_795_194_000_123L);
    assertThat(call(TIME, "resolveTime", "yesterday", now).isNull()).as("not a time: NaN").isTrue();
    assertThat(call(TIME, "resolveTime", "now-15x", now).isNull()).isTrue();
    assertThat(call(TIME, "autoSpan", 0, 900_000, 90).path("text").asText()).isEqualTo("10s");
    assertThat(call(TIME, "autoSpan", 0, 30L * 86_400_000, 90).path("text").asText()).isEqualTo("12h");
  }

  @Test
  void tablesBecomeTimeOrCategoryChartsOrNone() throws Exception {
    Map<String, Object> timechart = Map.of("columns", List.of(Map.of("name", "timestamp", "type", "timestamp"),
        Map.of("name", "level", "type", "string"), Map.of("name", "count()", "type", "long")),
        "rows", List.of(List.of("2026-11-21T17:00:00Z", "INFO", 5), List.of("2026-11-21T17:00:00Z", "ERROR", 1),
            List.of("2026-11-21T17:01:00Z", "ERROR", 2), List.of("2026-11-21T17:03:00Z", "INFO", 7)));
    JsonNode spec = call("/ui/lib/table-chart.js", "chartForTable", timechart);
    assertThat(spec.path("x").asText()).isEqualTo("time");
    assertThat(spec.path("type").asText()).isEqualTo("bar");
    assertThat(spec.path("stacked").asBoolean()).isTrue();
    assertThat(spec.path("labels")).as("buckets filled every minute").hasSize(4);
    assertThat(spec.path("series").get(0).path("name").asText()).isEqualTo("INFO");
    assertThat(spec.path("series").get(0).path("values").toString()).isEqualTo("[5,0,0,7]");
    assertThat(spec.path("series").get(1).path("name").asText()).isEqualTo("ERROR");
    assertThat(spec.path("series").get(1).path("values").toString()).isEqualTo("[1,2,0,0]");

    Map<String, Object> stats = Map.of("columns", List.of(Map.of("name", "service", "type", "string"),
        Map.of("name", "p95(duration)", "type", "double")),
        "rows", List.of(List.of("a", 1.5), List.of("b", 2.5)));
    JsonNode bars = call("/ui/lib/table-chart.js", "chartForTable", stats);
    assertThat(bars.path("x").asText()).isEqualTo("category");
    assertThat(bars.path("labels").toString()).isEqualTo("[\"a\",\"b\"]");

    Map<String, Object> single = Map.of("columns", List.of(Map.of("name", "count()", "type", "long")),
        "rows", List.of(List.of(42)));
    assertThat(call("/ui/lib/table-chart.js", "chartForTable", single).isNull()).isTrue();
  }

  @Test
  void serverErrorsExplainThemselvesInPlace() {
    String shown = String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const done = arguments[0];
        Promise.all([import('/ui/lib/api.js'), import('/ui/lib/errors.js')]).then(([api, errors]) => {
          const texts = [
            new api.ApiError({ status: 504, message: 'query timed out after 30000 ms (search.timeout)' }),
            new api.ApiError({ status: 429, message: 'too many queries at once', retryAfter: '1' }),
            new api.ApiError({ status: 0, message: 'cannot reach the Corral server (Failed to fetch)' }),
            new api.ApiError({ status: 400, message: 'query syntax error: bad', position: 99, caret: 'ab\\n ^' }),
          ].map((error) => {
            const box = document.createElement('div');
            errors.showError(box, error, { query: error.position ? 'a <b>' : null });
            return box.innerText;
          });
          done(texts.join('\\n---\\n'));
        }).catch((e) => done('failed: ' + e));"""));
    String[] views = shown.split("\n---\n");
    assertThat(views[0]).contains("Query timed out").contains("search.timeout").contains("narrow the time range");
    assertThat(views[1]).contains("Too many queries").contains("retry in 1 s");
    assertThat(views[2]).contains("Server unreachable").contains("Is the server running?");
    assertThat(views[3]).as("a position past the end puts the caret after the text; markup stays text")
        .contains("Syntax error").contains("a <b>\n     ^");
  }

  @Test
  void theTailsSseParserReadsFramesSplitAnywhere() throws Exception {
    String parsed = String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript("""
        const done = arguments[0];
        import('/ui/lib/sse.js').then(async (sse) => {
          const chunks = [': corral live tail\\nretry: 20', '00\\n\\nevent: events\\r', '\\ndata: {"a":', '1}\\r\\n\\r\\n',
            ': ping\\n\\ndata: first\\ndata:second\\n\\nevent: other\\ndata: x\\r\\revent: events\\ndata: {"b":2}\\n\\n',
            'data: no blank line at the end'];
          const bytes = new TextEncoder();
          const body = new ReadableStream({ start(controller) {
            chunks.forEach((c) => controller.enqueue(bytes.encode(c)));
            controller.close();
          } });
          const seen = [];
          await sse.readServerSentEvents(body, {
            onEvent: (e) => seen.push([e.event, e.data]), onRetry: (ms) => seen.push(['retry', ms]) });
          done(JSON.stringify(seen));
        }).catch((e) => done('failed: ' + e));"""));
    assertThat(parsed).isEqualTo("[[\"retry\",2000],[\"events\",\"{\\\"a\\\":1}\"],[\"message\",\"first\\nsecond\"],"
        + "[\"other\",\"x\"],[\"events\",\"{\\\"b\\\":2}\"]]");
  }

  @Test
  void callingAMissingModuleSaysSo() {
    assertThatThrownBy(() -> browser.call("/ui/lib/no-such-module.js", "f"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-module.js");
    browser.expectConsoleError("no-such-module.js");
  }

  @Test
  void theArchiveNoteSaysHowManyArchivedDaysWereFetchedAndHowLongItTook() throws Exception {
    String note = "/ui/lib/archive-note.js";
    assertThat(call(note, "archiveNote", Map.of("partitions_fetched", 3, "from_cache", 0, "fetch_ms", 4210,
        "failed", Map.of())).asText()).isEqualTo("3 archived days fetched, 4.2 s");
    assertThat(call(note, "archiveNote", Map.of("partitions_fetched", 1, "from_cache", 2, "fetch_ms", 900,
        "failed", Map.of("2026-09-02", "s3://b/days/2026-09-02/5/_0.cfs is missing"))).asText())
        .isEqualTo("1 archived day fetched, 0.9 s · 2 archived days from the cache"
            + " · 2026-09-02 could not be fetched: s3://b/days/2026-09-02/5/_0.cfs is missing");
    assertThat(call(note, "archiveNote", Map.of("partitions_fetched", 0, "from_cache", 1, "fetch_ms", 40,
        "failed", Map.of())).asText()).isEqualTo("1 archived day from the cache, 0.0 s");
    assertThat(call(note, "archiveNote").asText()).as("no archived day reached").isEmpty();
  }
}
