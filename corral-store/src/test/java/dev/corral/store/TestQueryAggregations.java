package dev.corral.store;

import static dev.corral.store.QueryCorpus.nanos;
import static dev.corral.store.QueryCorpus.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.AggFunction;
import dev.corral.query.plan.Aggregation;
import dev.corral.query.plan.CompareOp;
import dev.corral.query.plan.HeadPipe;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.SortKey;
import dev.corral.query.plan.SortPipe;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.query.plan.WherePipe;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stats, timechart and top over the {@link QueryCorpus}, read from doc values. */
class TestQueryAggregations {
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

  private static final Aggregation COUNT = new Aggregation(AggFunction.COUNT, null, Double.NaN, "count()");

  private static Aggregation agg(AggFunction function, String field, String name) {
    return new Aggregation(function, field, Double.NaN, name);
  }

  private static Table table(Pipe... pipes) throws IOException {
    QueryResult result = store.searcher().query(request(List.of(pipes)));
    assertThat(result.isTable()).isTrue();
    assertThat(result.events()).isEmpty();
    return result.table();
  }

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void statsCountByOneFieldOrdersValuesAscendingWithMissingLast() throws IOException {
    QueryResult result = store.searcher().query(request(List.of(new StatsPipe(List.of(COUNT), List.of("service")))));
    assertThat(result.total()).isEqualTo(6);
    assertThat(result.partitionsRead()).containsExactly("2026-11-21", "2026-11-20", "2026-11-19");
    assertThat(result.stepMillis().keySet()).containsExactly("plan", "aggregate", "table", "pipes");
    Table table = result.table();
    assertThat(table.columns()).containsExactly(new Column("service", ColumnType.STRING),
        new Column("count()", ColumnType.LONG));
    assertThat(table.rows()).containsExactly(row("auth", 2L), row("pay", 2L), row("web", 1L), row(null, 1L));
    assertThat(table.truncated()).isFalse();
    assertThat(table.otherRow()).isFalse();
  }

  @Test
  void statsByTwoFieldsGroupsANumberWithTheSameString() throws IOException {
    Table table = table(new StatsPipe(List.of(COUNT), List.of("service", "status")));
    assertThat(table.rows()).containsExactly(row("auth", "200", 1L), row("auth", "OK", 1L), row("pay", "500", 2L),
        row("web", null, 1L), row(null, "404", 1L));
  }

  @Test
  void statsComputesNumericFunctionsAndDistinctCounts() throws IOException {
    Table table = table(new StatsPipe(List.of(COUNT, agg(AggFunction.SUM, "duration", "sum"),
        agg(AggFunction.AVG, "duration", "avg"), agg(AggFunction.MIN, "duration", "min"),
        agg(AggFunction.MAX, "duration", "max"), new Aggregation(AggFunction.PERCENTILE, "duration", 0.5, "p50"),
        new Aggregation(AggFunction.PERCENTILE, "duration", 1.0, "p100"),
        agg(AggFunction.COUNT_DISTINCT, "user", "users"), agg(AggFunction.COUNT_DISTINCT, "status", "statuses"),
        agg(AggFunction.COUNT, "status", "with_status")), List.of()));
    assertThat(table.rows()).hasSize(1);
    List<Object> row = table.rows().get(0);
    assertThat(row.get(0)).isEqualTo(6L);
    assertThat((Double) row.get(1)).isCloseTo(1475.5, within(1e-9));
    assertThat((Double) row.get(2)).isCloseTo(1475.5 / 6, within(1e-9));
    assertThat(row.get(3)).isEqualTo(5.5);
    assertThat(row.get(4)).isEqualTo(1000.0);
    assertThat(row.get(5)).isEqualTo(50.0); // inclusive nearest rank of 5.5, 20, 50, 100, 300, 1000
    assertThat(row.get(6)).isEqualTo(1000.0);
    assertThat(row.get(7)).isEqualTo(3L);
    assertThat(row.get(8)).isEqualTo(4L); // 500 and "500" are one value
    assertThat(row.get(9)).isEqualTo(5L);
  }

  @Test
  void statsWithoutByHasOneRowEvenWithoutEvents() throws IOException {
    QueryResult result = store.searcher().query(new QueryRequest(new QueryPlan(new dev.corral.query.ast.Term("service", "none"),
        List.of(new StatsPipe(List.of(COUNT, agg(AggFunction.MAX, "duration", "max")), List.of()))),
        Long.MIN_VALUE, Long.MAX_VALUE, 10, StoreTesting.NOW, Duration.ofMinutes(1), QueryLimits.DEFAULTS));
    assertThat(result.total()).isZero();
    assertThat(result.table().rows()).containsExactly(row(0L, null));
  }

  @Test
  void groupsBeyondTheCapFoldIntoOneOtherRow() throws IOException {
    QueryResult result = store.searcher().query(request(List.of(new StatsPipe(List.of(COUNT), List.of("user"))),
        new QueryLimits(100, 2, QueryLimits.DEFAULT_MAX_MEMORY_BYTES)));
    Table table = result.table();
    // u1 has 3 events; u2, u3 and "no user" have 1 each: the tie goes to the smallest value, u2
    assertThat(table.rows()).containsExactly(row("u1", 3L), row("u2", 1L), row(Table.OTHER, 2L));
    assertThat(table.otherRow()).isTrue();
    assertThat(table.truncated()).isTrue();
  }

  @Test
  void aggregationStateBeyondTheMemoryLimitFailsWithTheLimit() {
    assertThatThrownBy(() -> store.searcher().query(request(List.of(new StatsPipe(List.of(COUNT), List.of("user"))),
        new QueryLimits(100, 100, 200))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes of aggregation state (limit 200 bytes")
        .hasMessageContaining("add a filter or fewer/lower-cardinality by fields");
  }

  @Test
  void fullTextFieldsCannotBeGroupedBy() {
    assertThatThrownBy(() -> table(new StatsPipe(List.of(COUNT), List.of("message"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message").hasMessageContaining("full text");
  }

  @Test
  void fullTextFieldsAreRefusedEvenWhenTheWindowHoldsNoPartition() {
    QueryRequest empty = new QueryRequest(new QueryPlan(new dev.corral.query.ast.MatchAll(),
        List.of(new StatsPipe(List.of(agg(AggFunction.MAX, "exception.stacktrace", "m")), List.of()))),
        nanos("2030-01-01T00:00:00Z"), nanos("2030-01-02T00:00:00Z"), 10, StoreTesting.NOW, Duration.ofMinutes(1),
        QueryLimits.DEFAULTS);
    assertThatThrownBy(() -> store.searcher().query(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot aggregate or group by exception.stacktrace: it is full text, which has no per-event "
            + "value in the index; use a keyword or numeric field");
  }

  @Test
  void timechartSeriesBeyondTheCapFoldPerBucketWithoutAnOtherRowFlag() throws IOException {
    QueryResult result = store.searcher().query(request(List.of(new TimechartPipe(Duration.ofDays(1), List.of(COUNT), "user")),
        new QueryLimits(100, 1, QueryLimits.DEFAULT_MAX_MEMORY_BYTES)));
    Table table = result.table();
    // u1 has the most events overall (3); u2, u3 and "no user" fold into (other) within their day
    assertThat(table.rows()).containsExactly(
        row(nanos("2026-11-19T00:00:00Z"), Table.OTHER, 1L),
        row(nanos("2026-11-20T00:00:00Z"), "u1", 1L),
        row(nanos("2026-11-20T00:00:00Z"), Table.OTHER, 1L),
        row(nanos("2026-11-21T00:00:00Z"), "u1", 2L),
        row(nanos("2026-11-21T00:00:00Z"), Table.OTHER, 1L));
    assertThat(table.truncated()).isTrue();
    assertThat(table.otherRow()).isFalse();
  }

  @Test
  void timechartWithExplicitSpanCountsPerBucketAndSplitValue() throws IOException {
    Table table = table(new TimechartPipe(Duration.ofHours(1), List.of(COUNT), "service"));
    assertThat(table.columns()).containsExactly(new Column("timestamp", ColumnType.TIMESTAMP),
        new Column("service", ColumnType.STRING), new Column("count()", ColumnType.LONG));
    assertThat(table.rows()).containsExactly(
        row(nanos("2026-11-19T08:00:00Z"), null, 1L),
        row(nanos("2026-11-20T10:00:00Z"), "auth", 1L),
        row(nanos("2026-11-20T10:00:00Z"), "web", 1L),
        row(nanos("2026-11-21T16:00:00Z"), "auth", 1L),
        row(nanos("2026-11-21T16:00:00Z"), "pay", 2L));
  }

  @Test
  void timechartAutoSpanFitsTheWindowInAHundredBuckets() throws IOException {
    // 10 minutes: 1 s and 5 s give more than 100 buckets, 10 s gives 61
    QueryRequest request = new QueryRequest(new QueryPlan(new MatchAll(),
        List.of(new TimechartPipe(null, List.of(COUNT), null))), nanos("2026-11-21T16:00:00Z"),
        nanos("2026-11-21T16:10:00Z"), 100, StoreTesting.NOW, Duration.ofMinutes(1), QueryLimits.DEFAULTS);
    Table table = store.searcher().query(request).table();
    assertThat(table.rows()).containsExactly(row(nanos("2026-11-21T16:00:00Z"), 1L),
        row(nanos("2026-11-21T16:00:30Z"), 1L), row(nanos("2026-11-21T16:05:00Z"), 1L));
  }

  @Test
  void timechartAutoSpanWithAnOpenWindowFitsTheDataInAHundredBuckets() throws IOException {
    // data spans 2026-11-19T08:00 .. 2026-11-21T16:05: 57 hourly buckets, 113 half-hourly ones
    Table table = table(new TimechartPipe(null, List.of(COUNT), "service"));
    assertThat(table.rows()).extracting(r -> r.get(0)).containsExactly(nanos("2026-11-19T08:00:00Z"),
        nanos("2026-11-20T10:00:00Z"), nanos("2026-11-20T10:00:00Z"), nanos("2026-11-21T16:00:00Z"),
        nanos("2026-11-21T16:00:00Z"));
  }

  @Test
  void topCountsValuesOfEventsThatHaveTheField() throws IOException {
    Table table = table(new TopPipe(2, "service"));
    assertThat(table.columns()).containsExactly(new Column("service", ColumnType.STRING),
        new Column("count", ColumnType.LONG), new Column("percent", ColumnType.DOUBLE));
    assertThat(table.rows()).containsExactly(row("auth", 2L, 40.0), row("pay", 2L, 40.0));
  }

  @Test
  void whereBeforeStatsFiltersEventsNumerically() throws IOException {
    QueryResult result = store.searcher().query(request(List.of(new WherePipe("duration", CompareOp.GT, "60"),
        new StatsPipe(List.of(COUNT), List.of("service")))));
    assertThat(result.total()).isEqualTo(3);
    assertThat(result.table().rows()).containsExactly(row("pay", 2L), row("web", 1L));
  }

  @Test
  void whereAndSortAfterStatsActOnTheTable() throws IOException {
    Table table = table(new StatsPipe(List.of(COUNT), List.of("service")), new WherePipe("count()", CompareOp.GT, "1"),
        new SortPipe(List.of(new SortKey("service", true))));
    assertThat(table.rows()).containsExactly(row("pay", 2L), row("auth", 2L));
  }

  @Test
  void headBeforeStatsAggregatesOnlyTheKeptEvents() throws IOException {
    Table table = table(new HeadPipe(2), new StatsPipe(List.of(COUNT), List.of("service")));
    assertThat(table.rows()).containsExactly(row("auth", 1L), row("pay", 1L)); // e3 and e2, the newest
  }

  @Test
  void statsRowsAreCappedAtMaxRowsWithTheOtherRowLast() throws IOException {
    QueryResult result = store.searcher().query(request(List.of(new StatsPipe(List.of(COUNT), List.of("service"))),
        new QueryLimits(2, 100, QueryLimits.DEFAULT_MAX_MEMORY_BYTES)));
    // two rows: one group and "(other)", which the row cap no longer cuts (issue 12, finding 10)
    assertThat(result.table().rows()).containsExactly(row("auth", 2L), row("(other)", 4L));
    assertThat(result.table().truncated()).isTrue();
    assertThat(result.table().otherRow()).isTrue();
  }
}
