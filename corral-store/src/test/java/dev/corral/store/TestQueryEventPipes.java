package dev.corral.store;

import static dev.corral.store.QueryCorpus.nanos;
import static dev.corral.store.QueryCorpus.request;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.FieldsPipe;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.WherePipe;
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

/** Event-stage pipes (sort, head, where, fields) over the {@link QueryCorpus}'s three partitions. */
class TestQueryEventPipes {
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

  private static QueryResult run(Pipe... pipes) throws IOException {
    return store.searcher().query(request(List.of(pipes)));
  }

  private static SortPipe sort(String field, boolean descending) {
    return new SortPipe(List.of(new SortKey(field, descending)));
  }

  @Test
  void withoutPipesEventsComeNewestFirst() throws IOException {
    QueryResult result = run();
    assertThat(ids(result)).containsExactly("e3", "e2", "e1", "e5", "e4", "e6");
    assertThat(result.total()).isEqualTo(6);
    assertThat(result.isTable()).isFalse();
    assertThat(result.stepMillis().keySet()).containsExactly("plan", "search", "fetch");
  }

  @Test
  void sortByANumericFieldMergesEveryPartition() throws IOException {
    assertThat(ids(run(sort("duration", false)))).containsExactly("e6", "e4", "e3", "e1", "e2", "e5");
    assertThat(ids(run(sort("duration", true)))).containsExactly("e5", "e2", "e1", "e3", "e4", "e6");
  }

  @Test
  void sortByAMixedFieldPutsNumbersBeforeTextAndMissingLast() throws IOException {
    assertThat(ids(run(sort("status", false)))).containsExactly("e3", "e6", "e1", "e2", "e4", "e5");
    assertThat(ids(run(sort("status", true)))).containsExactly("e4", "e2", "e1", "e6", "e3", "e5");
  }

  @Test
  void sortByAKeywordBreaksTiesNewestFirst() throws IOException {
    assertThat(ids(run(sort("service", false)))).containsExactly("e3", "e4", "e2", "e1", "e5", "e6");
    assertThat(ids(run(sort("timestamp", false)))).containsExactly("e6", "e4", "e5", "e1", "e2", "e3");
  }

  @Test
  void headKeepsTheFirstEventsOfTheOrderAndTotalCountsAll() throws IOException {
    QueryResult result = run(sort("duration", false), new HeadPipe(2));
    assertThat(ids(result)).containsExactly("e6", "e4");
    assertThat(result.total()).isEqualTo(6);
    assertThat(ids(run(new HeadPipe(1)))).containsExactly("e3");
  }

  @Test
  void headThenSortReordersOnlyTheKeptEvents() throws IOException {
    assertThat(ids(run(new HeadPipe(3), sort("duration", true)))).containsExactly("e2", "e1", "e3");
  }

  @Test
  void whereComparesNumbersNumericallyAndStringsAsText() throws IOException {
    assertThat(ids(run(new WherePipe("status", CompareOp.EQ, "500")))).containsExactly("e2", "e1");
    assertThat(ids(run(new WherePipe("status", CompareOp.NE, "500")))).containsExactly("e3", "e4", "e6");
    assertThat(ids(run(new WherePipe("duration", CompareOp.LE, "50")))).containsExactly("e3", "e4", "e6");
    // "OK" > "A" as text; numbers compare as their text against a non-number: "500" < "A"
    assertThat(ids(run(new WherePipe("status", CompareOp.GT, "A")))).containsExactly("e4");
    assertThat(ids(run(new WherePipe("status", CompareOp.LT, "A")))).containsExactly("e3", "e2", "e1", "e6");
    assertThat(ids(run(new WherePipe("timestamp", CompareOp.GE, "2026-11-21T16:00:30Z")))).containsExactly("e3", "e2");
    assertThat(run(new WherePipe("duration", CompareOp.GT, "60")).total()).isEqualTo(3);
  }

  @Test
  void fieldsMakesATableTypedByTheValues() throws IOException {
    QueryResult result = run(sort("duration", false), new HeadPipe(3),
        new FieldsPipe(List.of("id", "duration", "status", "timestamp", "nothing")));
    Table table = result.table();
    assertThat(result.events()).isEmpty();
    assertThat(result.total()).isEqualTo(6);
    assertThat(table.columns()).containsExactly(new Column("id", ColumnType.STRING),
        new Column("duration", ColumnType.DOUBLE), new Column("status", ColumnType.STRING),
        new Column("timestamp", ColumnType.TIMESTAMP), new Column("nothing", ColumnType.STRING));
    assertThat(table.rows()).containsExactly(
        Arrays.asList("e6", 5.5, "404", nanos("2026-11-19T08:00:00Z"), null),
        Arrays.asList("e4", 20.0, "OK", nanos("2026-11-20T10:00:00Z"), null),
        Arrays.asList("e3", 50.0, "200", nanos("2026-11-21T16:05:00Z"), null));
  }

  @Test
  void wholeNumbersMakeALongColumn() throws IOException {
    Table table = run(new WherePipe("duration", CompareOp.GE, "20"), new FieldsPipe(List.of("duration"))).table();
    assertThat(table.columns()).containsExactly(new Column("duration", ColumnType.LONG));
    assertThat(table.rows()).extracting(r -> r.get(0)).containsExactly(50L, 300L, 100L, 1000L, 20L);
  }

  @Test
  void fullTextFieldsCannotBeSortedOrCompared() {
    assertThatThrownBy(() -> run(sort("message", false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("full text");
    assertThatThrownBy(() -> run(new WherePipe("message", CompareOp.EQ, "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("full text");
  }
}
