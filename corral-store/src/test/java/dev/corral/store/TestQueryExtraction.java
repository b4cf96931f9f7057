package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query-time extraction over raw access lines that no pipeline parsed: the store reads the
 * sources of the selected events and runs the pipes from the first extraction on them.
 */
class TestQueryExtraction {
  @TempDir static Path dir;
  static LogStore store;

  @BeforeAll
  static void index() throws Exception {
    store = LogStore.open(config(dir));
    List<LogEvent> events = new ArrayList<>();
    String[] paths = {"/pay", "/auth", "/pay", "/search", "/pay"};
    int[] statuses = {200, 503, 502, 200, 500};
    for (int i = 0; i < paths.length; i++) {
      events.add(StoreTesting.event(Instant.parse("2026-11-2" + (i % 2) + "T10:00:0" + i + "Z"), Level.INFO,
          "10.0.0." + i + " - u" + i + " [21/Nov/2026:10:00:0" + i + " +0000] \"GET " + paths[i] + " HTTP/1.1\" "
              + statuses[i] + " " + (100 * (i + 1)), Map.of("service", "web", "id", "e" + i)));
    }
    events.add(StoreTesting.event(Instant.parse("2026-11-21T11:00:00Z"), Level.INFO,
        "level=error status=500 path=/pay", Map.of("service", "api", "id", "e5")));
    new TestWal().appendAndSubmit(store, events);
    store.awaitIndexed();
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  private static QueryResult run(String query) throws IOException {
    return store.searcher().query(new QueryRequest(QueryPlanParser.parse(query), Long.MIN_VALUE, Long.MAX_VALUE, 100,
        StoreTesting.NOW, Duration.ofMinutes(1), QueryLimits.DEFAULTS));
  }

  private static final String ACCESS = "service:web | parse \"%{ip} - %{user} [%{_}] \\\"%{method} %{path} %{?proto}\\\" "
      + "%{status} %{bytes}\"";

  @Test
  void extractedFieldsAreFilteredGroupedAndSortedAfterTheIndexedFilter() throws IOException {
    assertThat(run(ACCESS + " | where status >= 500 | stats count() by path").table().rows())
        .containsExactly(List.of("/auth", 1L), List.of("/pay", 2L));
    assertThat(StoreTesting.ids(run(ACCESS + " | sort -bytes | head 2"))).containsExactly("e4", "e3");
  }

  @Test
  void returnedEventsCarryTheExtractedFieldsAndTheExtractStep() throws IOException {
    QueryResult result = run("service:api | logfmt");
    assertThat(result.total()).isEqualTo(1);
    LogEvent event = StoreTesting.parse(result.events().get(0));
    assertThat(event.fields().toMap()).containsEntry("level_extracted", "error").containsEntry("status", 500L)
        .containsEntry("path", "/pay");
    assertThat(result.stepMillis()).containsKey("extract");
  }

  @Test
  void theFilterBeforeTheExtractionStillNarrowsTheEventsRead() throws IOException {
    assertThat(run("service:api | json | stats count() by __error__").table().rows())
        .containsExactly(List.of("JSONParserErr", 1L));
  }

  @Test
  void extractionBeyondTheQueryMemoryLimitIsRefusedNamingTheLimit() {
    QueryRequest request = new QueryRequest(QueryPlanParser.parse("* | json"), Long.MIN_VALUE, Long.MAX_VALUE, 100,
        StoreTesting.NOW, Duration.ofMinutes(1), new QueryLimits(100, 100, 500));
    assertThatThrownBy(() -> store.searcher().query(request)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'json' would hold more than the query memory limit of 500 bytes")
        .hasMessageContaining("of 6)");
  }
}
