package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
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
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every AST node against one small indexed corpus. */
class TestQueries {
  @TempDir static Path dir;
  static LogStore store;

  @BeforeAll
  static void index() throws Exception {
    store = LogStore.open(config(dir));
    List<LogEvent> events = new ArrayList<>();
    events.add(event(Instant.parse("2026-11-21T16:00:00Z"), Level.ERROR, "Card declined for order 42",
        fields("id", "e1", "service", "payment-gateway", "http.status_code", "500", "trace_id", "abc123",
            "exception.stacktrace", "java.net.SocketTimeoutException: Read timed out\n\tat com.acme.Pay.charge(Pay.java:42)")));
    events.add(event(Instant.parse("2026-11-21T16:01:00Z"), Level.WARN, "slow response from upstream",
        fields("id", "e2", "service", "payment-api", "http.status_code", 500L, "performance.duration_ms", 1250.5)));
    events.add(event(Instant.parse("2026-11-21T16:02:00Z"), Level.INFO, "user logged in",
        fields("id", "e3", "service", "auth", "http.status_code", 200L, "performance.duration_ms", 12L,
            "cached", true, "body", "x".repeat(2000))));
    events.add(event(Instant.parse("2026-11-20T09:00:00Z"), Level.DEBUG, "connection time-out while polling",
        fields("id", "e4", "service", "worker", "Service", "CaseSensitive", "a#n", "hash", "_source", "user source")));
    new TestWal().appendAndSubmit(store, events);
    store.awaitIndexed();
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }

  private static List<String> find(Query query) throws IOException {
    QueryResult result = StoreTesting.search(store, query, 100);
    assertThat(result.total()).isEqualTo(result.events().size());
    return ids(result);
  }

  @Test
  void matchAllFindsEverythingNewestFirst() throws IOException {
    assertThat(find(new MatchAll())).containsExactly("e3", "e2", "e1", "e4");
  }

  @Test
  void freeTextSearchesMessageAndStacktraceAnalyzed() throws IOException {
    assertThat(find(new Term(null, "DECLINED"))).containsExactly("e1");
    assertThat(find(new Term(null, "polling"))).containsExactly("e4");
    // StandardAnalyzer keeps dotted names whole: java.net.sockettimeoutexception is one token
    assertThat(find(new Term(null, "java.net.SocketTimeoutException"))).containsExactly("e1");
    assertThat(find(new Term(null, "time-out"))).containsExactly("e4"); // two tokens: a phrase
    assertThat(find(new Phrase(null, "card declined"))).containsExactly("e1");
    assertThat(find(new Phrase(null, "declined card"))).isEmpty();
    assertThat(find(new Phrase(null, "read timed out"))).containsExactly("e1");
    assertThat(find(new Term(null, "!!!"))).isEmpty();
  }

  @Test
  void fullTextFieldsMatchWordsAndPhrases() throws IOException {
    assertThat(find(new Term("message", "logged"))).containsExactly("e3");
    assertThat(find(new Phrase("message", "User Logged"))).containsExactly("e3");
    assertThat(find(new Term("exception.stacktrace", "charge"))).isEmpty(); // one token: com.acme.pay.charge
    assertThat(find(new Phrase("exception.stacktrace", "read timed"))).containsExactly("e1");
    assertThat(find(new Wildcard("message", "Upstr*"))).containsExactly("e2");
    assertThat(find(new Regex("message", "res?pon.e"))).containsExactly("e2");
    assertThat(find(new Wildcard(null, "declin*"))).containsExactly("e1");
  }

  @Test
  void levelMatchesCaseInsensitivelyAndByAlias() throws IOException {
    assertThat(find(new Term("level", "error"))).containsExactly("e1");
    assertThat(find(new Term("LEVEL", "Err"))).containsExactly("e1");
    assertThat(find(new Term("level", "warning"))).containsExactly("e2");
    assertThat(find(new Or(List.of(new Term("level", "error"), new Term("level", "warn"))))).containsExactly("e2", "e1");
    assertThat(find(new Range("level", "warn", null, true, true))).containsExactly("e2", "e1");
    assertThat(find(new Range("level", null, "info", true, false))).containsExactly("e4");
    assertThat(find(new Wildcard("level", "er*"))).containsExactly("e1");
    assertThat(find(new Regex("level", "err.r"))).containsExactly("e1");
  }

  @Test
  void keywordFieldsMatchExactlyAndCanonicalNamesIgnoreCase() throws IOException {
    assertThat(find(new Term("service", "payment-gateway"))).containsExactly("e1");
    assertThat(find(new Term("service", "payment"))).isEmpty();
    assertThat(find(new Term("SERVICE", "auth"))).containsExactly("e3");
    assertThat(find(new Phrase("service", "payment-api"))).containsExactly("e2");
    assertThat(find(new Term("cached", "true"))).containsExactly("e3");
    assertThat(find(new Term("a#n", "hash"))).containsExactly("e4");
    assertThat(find(new Term("_source", "user source"))).containsExactly("e4");
  }

  @Test
  void aFieldThatChangesTypeIsFoundAsStringAndAsNumber() throws IOException {
    assertThat(find(new Term("http.status_code", "500"))).containsExactly("e2", "e1");
    assertThat(find(new Range("http.status_code", "500", "599", true, true))).containsExactly("e2");
    assertThat(find(new Range("http.status_code", null, "500", true, false))).containsExactly("e3");
    assertThat(find(new Range("http.status_code", "200", "500", false, false))).isEmpty();
    assertThat(find(new Range("performance.duration_ms", "1000", null, false, true))).containsExactly("e2");
    assertThat(find(new Term("performance.duration_ms", "1250.5"))).containsExactly("e2");
    assertThat(find(new Range("service", "payment-a", "payment-z", true, true))).containsExactly("e2", "e1");
  }

  @Test
  void existsFindsStringsNumbersLongStringsAndText() throws IOException {
    assertThat(find(new Exists("trace_id"))).containsExactly("e1");
    assertThat(find(new Exists("performance.duration_ms"))).containsExactly("e3", "e2");
    assertThat(find(new Exists("http.status_code"))).containsExactly("e3", "e2", "e1");
    assertThat(find(new Exists("body"))).containsExactly("e3"); // longer than maxKeywordBytes
    assertThat(find(new Exists("exception.stacktrace"))).containsExactly("e1");
    assertThat(find(new Exists("message"))).hasSize(4);
    assertThat(find(new Wildcard("trace_id", "*"))).containsExactly("e1");
    assertThat(find(new Term("body", "x".repeat(2000)))).isEmpty(); // kept in the source only
  }

  @Test
  void wildcardAndRegexMatchWholeKeywords() throws IOException {
    assertThat(find(new Wildcard("service", "pay*"))).containsExactly("e2", "e1");
    assertThat(find(new Wildcard("service", "a?th"))).containsExactly("e3");
    assertThat(find(new Regex("service", "payment-(api|gateway)"))).containsExactly("e2", "e1");
    assertThat(find(new Regex("service", "pay"))).isEmpty();
  }

  @Test
  void hostileRegexIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> find(new Regex("service", "[ac]*a[ac]{50,200}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex /[ac]*a[ac]{50,200}/ is too complex");
    assertThatThrownBy(() -> find(new Regex("service", "(unclosed")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regex /(unclosed/");
  }

  @Test
  void booleanOperatorsCombine() throws IOException {
    assertThat(find(new Not(new Term("service", "auth")))).containsExactly("e2", "e1", "e4");
    assertThat(find(new And(List.of(new Wildcard("service", "pay*"), new Not(new Term("level", "error"))))))
        .containsExactly("e2");
    assertThat(find(new And(List.of(new Not(new Term("level", "error")), new Not(new Term("level", "warn"))))))
        .containsExactly("e3", "e4");
    assertThat(find(new Or(List.of(new Term("id", "e4"), new Not(new Exists("http.status_code"))))))
        .containsExactly("e4");
  }

  @Test
  void aQueryWithTooManyClausesIsRejectedWithAClearMessage() {
    List<Query> clauses = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      clauses.add(new Term("id", "x" + i));
    }
    assertThatThrownBy(() -> find(new Or(clauses))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3000 alternatives; the limit is 1024");
    List<Query> nested = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nested.add(new Or(clauses.subList(i * 1000, i * 1000 + 1000)));
    }
    assertThatThrownBy(() -> find(new Or(nested))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too many clauses");
  }
}
