package dev.corral.query.eval;

import static dev.corral.query.eval.Events.T0;
import static dev.corral.query.eval.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanEvaluatorTest {
  private static final EvaluationContext CTX = EvaluationContext.of(T0.plusSeconds(3600));

  private static final List<LogEvent> EVENTS = List.of(
      event(1, Level.INFO, "ok", "service", "api", "host", "a", "d", 10L),
      event(2, Level.ERROR, "boom", "service", "api", "host", "b", "d", 30L),
      event(3, Level.ERROR, "boom", "service", "db", "host", "a", "d", 20.5),
      event(4, Level.WARN, "slow", "service", "api", "host", "a", "d", "n/a"),
      event(5, Level.INFO, "ok", "host", "c"));

  private static EvaluationResult run(String query) {
    return run(query, CTX);
  }

  private static EvaluationResult run(String query, EvaluationContext ctx) {
    return PlanEvaluator.evaluate(QueryPlanParser.parse(query), EVENTS, ctx);
  }

  private static List<List<Object>> rows(String query) {
    EvaluationResult result = run(query);
    assertThat(result.isTable()).isTrue();
    return result.table().rows();
  }

  @Test
  void eventsComeNewestFirstWithTotalBeforeHead() {
    EvaluationResult result = run("level:ERROR OR level:INFO | head 2");
    assertThat(result.isTable()).isFalse();
    assertThat(result.total()).isEqualTo(4);
    assertThat(result.events()).extracting(LogEvent::message).containsExactly("ok", "boom");
    assertThat(result.events().get(0).timestamp()).isEqualTo(Timestamps.toNanos(T0.plusSeconds(5)));
  }

  @Test
  void limitCutsEventsButNotTheTotal() {
    EvaluationResult result = run("*", CTX.withLimits(2, 10, 10));
    assertThat(result.events()).hasSize(2);
    assertThat(result.total()).isEqualTo(5);
  }

  @Test
  void timeRangeIsInclusiveExclusive() {
    EvaluationResult result = run("*", CTX.withRange(T0.plusSeconds(2), T0.plusSeconds(4)));
    assertThat(result.events()).extracting(LogEvent::message).containsExactly("boom", "boom");
  }

  @Test
  void eventSortWhereAndHeadBeforeAggregation() {
    // Descending reverses "numbers before text"; the text "n/a" compares with "20" as text.
    EvaluationResult sorted = run("* | sort host, -d | where d >= 20 | head 2");
    assertThat(sorted.events()).extracting(e -> e.fields().get("host")).containsExactly("a", "a");
    assertThat(sorted.events()).extracting(e -> e.fields().get("d")).containsExactly("n/a", 20.5);
    assertThat(sorted.total()).isEqualTo(3);
    assertThat(rows("* | where service = api | head 2 | stats count()")).containsExactly(List.of(2L));
  }

  @Test
  void levelSortsByItsNameAsTextAsTheStoreKeywordDoes() {
    assertThat(run("* | sort level").events()).extracting(LogEvent::level)
        .containsExactly(Level.ERROR, Level.ERROR, Level.INFO, Level.INFO, Level.WARN);
    assertThat(run("* | sort -level").events()).extracting(LogEvent::level)
        .containsExactly(Level.WARN, Level.INFO, Level.INFO, Level.ERROR, Level.ERROR);
  }

  @Test
  void fullTextFieldsAreRefusedWhereAPipeNeedsOneValuePerEventEvenWithoutEvents() {
    for (String query : List.of("* | where message = boom", "* | sort MESSAGE", "* | stats count() by message",
        "* | stats count(exception.stacktrace)", "* | timechart span=1h count() by message", "* | top message",
        "nothing:matches | stats max(message)")) {
      assertThatThrownBy(() -> run(query)).as(query).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("full text");
    }
    assertThatThrownBy(() -> run("* | stats count() by message")).hasMessage("cannot aggregate or group by message: "
        + "it is full text, which has no per-event value in the index; use a keyword or numeric field");
  }

  @Test
  void statsByTwoFieldsOrdersGroupsWithNullsLast() {
    Table table = run("* | stats count(), avg(d), count(d), dc(host) by service, level").table();
    assertThat(table.columns()).containsExactly(new Column("service", ColumnType.STRING),
        new Column("level", ColumnType.STRING), new Column("count()", ColumnType.LONG),
        new Column("avg(d)", ColumnType.DOUBLE), new Column("count(d)", ColumnType.LONG),
        new Column("dc(host)", ColumnType.LONG));
    assertThat(table.rows()).containsExactly(
        List.of("api", "ERROR", 1L, 30.0, 1L, 1L),
        List.of("api", "INFO", 1L, 10.0, 1L, 1L),
        Arrays.asList("api", "WARN", 1L, null, 1L, 1L),
        List.of("db", "ERROR", 1L, 20.5, 1L, 1L),
        Arrays.asList(null, "INFO", 1L, null, 0L, 1L));
    assertThat(table.otherRow()).isFalse();
  }

  @Test
  void statsWithoutByHasOneRowEvenOverNothing() {
    assertThat(rows("service:none | stats count(), max(d)")).containsExactly(Arrays.asList(0L, null));
  }

  @Test
  void groupsBeyondTheCapMergeIntoTheOtherRow() {
    // 3 groups, 3 rows: the row cap must not cut "(other)" off (issue 12; 10,000 both by default)
    for (EvaluationContext capped : List.of(CTX.withLimits(100, 2, 100), CTX.withLimits(100, 3, 3))) {
      Table table = run("* | stats count() by host", capped).table();
      assertThat(table.rows()).containsExactly(List.of("a", 3L), List.of("b", 1L), List.of(Table.OTHER, 1L));
      assertThat(table.otherRow()).isTrue();
      assertThat(table.truncated()).isTrue();
    }
    Table sorted = run("* | stats count() by host | sort count()", CTX.withLimits(100, 2, 100)).table();
    assertThat(sorted.rows()).extracting(r -> r.get(0)).containsExactly("b", "a", Table.OTHER);
  }

  @Test
  void theCapKeepsTheGroupsWithTheMostEventsInValueOrder() {
    List<LogEvent> events = List.of(event(1, Level.INFO, "m", "k", "a"), event(2, Level.INFO, "m", "k", "c"),
        event(3, Level.INFO, "m", "k", "b"), event(4, Level.INFO, "m", "k", "b"), event(5, Level.INFO, "m", "k", "c"),
        event(6, Level.INFO, "m", "k", "b"), event(7, Level.INFO, "m"), event(8, Level.INFO, "m"));
    EvaluationContext capped = CTX.withLimits(100, 2, 100);
    Table stats = PlanEvaluator.evaluate(QueryPlanParser.parse("| stats count() by k"), events, capped).table();
    // b has 3 events; c and null 2 each: c wins the tie (nulls last); a and null fold into other
    assertThat(stats.rows()).containsExactly(List.of("b", 3L), List.of("c", 2L), List.of(Table.OTHER, 3L));
    assertThat(stats.truncated()).isTrue();
    assertThat(stats.otherRow()).isTrue();
    Table chart = PlanEvaluator.evaluate(QueryPlanParser.parse("| timechart span=4s count() by k"), events, capped)
        .table();
    long t0 = Timestamps.toNanos(T0);
    long s = 1_000_000_000L;
    assertThat(chart.rows()).containsExactly(List.of(t0, "b", 1L), List.of(t0, "c", 1L), List.of(t0, Table.OTHER, 1L),
        List.of(t0 + 4 * s, "b", 2L), List.of(t0 + 4 * s, "c", 1L), List.of(t0 + 4 * s, Table.OTHER, 1L),
        List.of(t0 + 8 * s, Table.OTHER, 1L));
    assertThat(chart.truncated()).isTrue();
    assertThat(chart.otherRow()).isFalse();
  }

  @Test
  void totalCountsTheEventsBeforeTheTrailingHeadOnly() {
    // a head followed by sort or where keeps its events: the total counts what survives it
    assertThat(run("* | head 3 | sort host | head 1").total()).isEqualTo(3);
    assertThat(run("* | head 4 | where host = a").total()).isEqualTo(2);
    assertThat(run("* | where host = a | head 1 | fields host | head 2").isTable()).isTrue();
    assertThat(run("* | where host = a | head 1").total()).isEqualTo(3);
  }

  @Test
  void eventPipesAfterFieldsStillActOnEventsWithHiddenFieldsMissing() {
    // where on a hidden field matches nothing; sort on a hidden field orders nothing
    assertThat(rows("* | fields host | where service = api")).isEmpty();
    assertThat(rows("* | fields host | sort service | head 2")).containsExactly(List.of("c"), List.of("a"));
    // sort on a visible field orders events (numbers before text), not the table's text cells
    assertThat(rows("* | fields d | sort d")).containsExactly(List.of("10"), List.of("20.5"), List.of("30"),
        List.of("n/a"), Arrays.asList((Object) null));
    // a second fields narrows: a field dropped earlier stays null
    Table narrowed = run("* | fields host | fields host, service | head 1").table();
    assertThat(narrowed.rows()).containsExactly(Arrays.asList("c", null));
  }

  @Test
  void fieldsTableIsCutAtTheLimitAndTypesWholeDoublesAsLong() {
    assertThat(run("* | fields host", CTX.withLimits(3, 10, 10)).table().rows()).hasSize(3);
    List<LogEvent> events = List.of(event("m", "d", 2.0), event("m", "d", 3L));
    Table table = PlanEvaluator.evaluate(QueryPlanParser.parse("| fields d"), events, CTX).table();
    assertThat(table.columns()).containsExactly(new Column("d", ColumnType.LONG));
    assertThat(table.rows()).containsExactly(List.of(2L), List.of(3L));
  }

  @Test
  void numbersGroupByCanonicalText() {
    List<LogEvent> events = List.of(event("m", "code", 500L), event("m", "code", "500"), event("m", "code", 1.5));
    Table table = PlanEvaluator.evaluate(QueryPlanParser.parse("| stats count() by code"), events, CTX).table();
    assertThat(table.rows()).containsExactly(List.of("1.5", 1L), List.of("500", 2L));
  }

  @Test
  void timechartWithExplicitSpanAndBy() {
    Table table = run("* | timechart span=2s count() by level").table();
    long t0 = Timestamps.toNanos(T0);
    long s = 1_000_000_000L;
    assertThat(table.columns()).extracting(Column::type).containsExactly(ColumnType.TIMESTAMP, ColumnType.STRING, ColumnType.LONG);
    assertThat(table.rows()).containsExactly(
        List.of(t0, "INFO", 1L), List.of(t0 + 2 * s, "ERROR", 2L), List.of(t0 + 4 * s, "INFO", 1L),
        List.of(t0 + 4 * s, "WARN", 1L));
  }

  @Test
  void timechartSeriesBeyondTheCapMergePerBucket() {
    Table table = run("* | timechart span=1h count() by host", CTX.withLimits(100, 1, 100)).table();
    assertThat(table.rows()).containsExactly(List.of(Timestamps.toNanos(T0), "a", 3L),
        List.of(Timestamps.toNanos(T0), Table.OTHER, 2L));
    assertThat(table.truncated()).isTrue();
  }

  @Test
  void timechartAutoSpanFollowsTheRangeOrTheData() {
    // Data spans 4 s: 1 s buckets.
    assertThat(run("* | timechart count()").table().rows()).hasSize(5);
    // A one-day range: 30 min buckets would be 48 (<= 100), 10 min would be 144.
    EvaluationContext day = CTX.withRange(T0.minus(Duration.ofHours(12)), T0.plus(Duration.ofHours(12)));
    Table table = run("* | timechart count()", day).table();
    assertThat(table.rows()).containsExactly(List.of(Timestamps.toNanos(T0), 5L));
    assertThat(dev.corral.query.plan.AutoSpan.choose(0, Duration.ofDays(1).toNanos() - 1)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void topCountsValuesWithPercentOfEventsHavingTheField() {
    Table table = run("* | top 2 service").table();
    assertThat(table.columns()).containsExactly(new Column("service", ColumnType.STRING),
        new Column("count", ColumnType.LONG), new Column("percent", ColumnType.DOUBLE));
    assertThat(table.rows()).containsExactly(List.of("api", 3L, 75.0), List.of("db", 1L, 25.0));
    assertThat(rows("* | top host")).extracting(r -> r.get(0)).containsExactly("a", "b", "c");
  }

  @Test
  void pipesAfterAggregationActOnTheTable() {
    assertThat(rows("* | stats count() as n by service | where n > 1 | fields n"))
        .containsExactly(List.of(3L));
    assertThat(rows("* | stats count() by host | sort -count() | head 1"))
        .containsExactly(List.of("a", 3L));
    assertThatThrownBy(() -> run("* | stats count() by host | sort hots"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown column 'hots'; did you mean 'host'?");
  }

  @Test
  void fieldsWithoutAggregationMakesATypedTable() {
    Table table = run("* | sort timestamp | fields timestamp, host, d | head 4").table();
    assertThat(table.columns()).extracting(Column::type)
        .containsExactly(ColumnType.TIMESTAMP, ColumnType.STRING, ColumnType.STRING);
    assertThat(table.rows().get(2)).containsExactly(Timestamps.toNanos(T0.plusSeconds(3)), "a", "20.5");
    Table numbers = run("d:* -d:\"n/a\" | fields d").table();
    assertThat(numbers.columns()).containsExactly(new Column("d", ColumnType.DOUBLE));
    assertThat(numbers.rows()).containsExactly(List.of(20.5), List.of(30.0), List.of(10.0));
  }

  @Test
  void rowsAreCutAtMaxRows() {
    Table table = run("* | fields host", CTX.withLimits(100, 100, 2)).table();
    assertThat(table.rows()).hasSize(2);
    assertThat(table.truncated()).isTrue();
  }

  @Test
  void overlongStringsAreMissingToAggregations() {
    String blob = "x".repeat(EventFilter.DEFAULT_MAX_KEYWORD_BYTES + 1);
    List<LogEvent> events = new ArrayList<>(List.of(event("m", "k", blob), event("m", "k", "short")));
    Table table = PlanEvaluator.evaluate(QueryPlanParser.parse("| stats count(k), count() by k"), events, CTX).table();
    assertThat(table.rows()).containsExactly(List.of("short", 1L, 1L), Arrays.asList(null, 0L, 1L));
  }
}
