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
    assertThat(run("* | sort level").events()).extracting(LogEvent::level)
        .containsExactly(Level.INFO, Level.INFO, Level.WARN, Level.ERROR, Level.ERROR);
    assertThat(rows("* | where service = api | head 2 | stats count()")).containsExactly(List.of(2L));
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
    Table table = run("* | stats count() by host", CTX.withLimits(100, 2, 100)).table();
    assertThat(table.rows()).containsExactly(List.of("a", 3L), List.of("b", 1L), List.of(Table.OTHER, 1L));
    assertThat(table.otherRow()).isTrue();
    assertThat(table.truncated()).isTrue();
    Table sorted = run("* | stats count() by host | sort count()", CTX.withLimits(100, 2, 100)).table();
    assertThat(sorted.rows()).extracting(r -> r.get(0)).containsExactly("b", "a", Table.OTHER);
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
