package dev.corral.store;

import static dev.corral.store.QueryCorpus.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional aggregates, {@code eval} and {@code where} expressions run by the store over the
 * {@link QueryCorpus} (three daily partitions): filters tested per document from Lucene weights,
 * event-stage expressions over the events' sources.
 */
class TestQueryEval {
  @TempDir static Path dir;
  static LogStore store;

  @BeforeAll
  static void index() throws Exception {
    store = QueryCorpus.open(dir);
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  private static QueryResult run(String pipes) throws IOException {
    return store.searcher().query(request(QueryPlanParser.parse("*" + pipes).pipes()));
  }

  @Test
  void theErrorRateQueryRunsInTheStore() throws IOException {
    Table table = run(" | stats count() as total, count(level:ERROR) as errors by service"
        + " | eval error_rate = errors / total * 100 | where error_rate > 5").table();
    assertThat(table.columns()).endsWith(new Column("error_rate", ColumnType.DOUBLE));
    assertThat(table.rows()).containsExactly(Arrays.asList("pay", 2L, 1L, 50.0));
  }

  @Test
  void conditionalAggregatesTestEachDocumentAgainstTheirFilterAcrossPartitions() throws IOException {
    Table table = run(" | stats count(status:500) as s500, sum(duration) if (status:>=500) as d500,"
        + " max(duration) if (NOT service:*) as lone, count() if (u1) as words,"
        + " avg(duration) if (level:(ERROR OR WARN)) as bad").table();
    // status:500 matches the number and the text "500"; status:>=500 compares numbers only
    assertThat(table.rows()).containsExactly(Arrays.asList(2L, 100.0, 5.5, 0L, 60.0));
  }

  @Test
  void evalOnEventsAddsAFieldThatWhereSortAndTheEventsCarry() throws IOException {
    QueryResult result = run(" | eval d2 = duration * 2, who = coalesce(service, \"none\") | where d2 > 150"
        + " | sort -d2");
    List<LogEvent> events = result.events().stream().map(StoreTesting::parse).toList();
    assertThat(events).extracting(e -> e.fields().getString("id")).containsExactly("e5", "e2", "e1");
    assertThat(events).extracting(e -> e.get("d2")).containsExactly(2000.0, 600.0, 200.0);
    assertThat(events).extracting(e -> e.get("who")).containsExactly("web", "pay", "pay");
    assertThat(result.total()).isEqualTo(3);
  }

  @Test
  void whereExpressionsOnEventsCombineFields() throws IOException {
    QueryResult result = run(" | where duration > 40 and (status = 500 or service = \"web\")");
    assertThat(result.events()).extracting(e -> StoreTesting.parse(e).fields().getString("id"))
        .containsExactly("e2", "e1", "e5");
  }
}
