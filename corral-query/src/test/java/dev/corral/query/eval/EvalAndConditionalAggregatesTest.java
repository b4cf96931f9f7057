package dev.corral.query.eval;

import static dev.corral.query.eval.Events.T0;
import static dev.corral.query.eval.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.table.Column;
import dev.corral.query.table.ColumnType;
import dev.corral.query.table.Table;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code | eval}, {@code | where expr} and conditional aggregates, in the in-memory evaluator. */
class EvalAndConditionalAggregatesTest {
  private static final EvaluationContext CTX = EvaluationContext.of(T0.plusSeconds(3600));

  private static final List<LogEvent> EVENTS = List.of(
      event(1, Level.INFO, "ok", "service", "api", "bytes", 100L, "status", 200L),
      event(2, Level.ERROR, "boom", "service", "api", "bytes", 300L, "status", 503L),
      event(3, Level.ERROR, "boom", "service", "db", "bytes", 50.5, "status", 500L),
      event(4, Level.WARN, "slow", "service", "api", "bytes", "n/a", "status", 200L),
      event(5, Level.INFO, "ok", "service", "db", "status", 200L),
      event(6, Level.INFO, "ok", "service", "api", "bytes", 7L, "status", 404L));

  private static EvaluationResult run(String query) {
    return PlanEvaluator.evaluate(QueryPlanParser.parse(query), EVENTS, CTX);
  }

  private static Table table(String query) {
    EvaluationResult result = run(query);
    assertThat(result.isTable()).isTrue();
    return result.table();
  }

  @Test
  void errorRateOfTheIssueIsAFloatingPointRateFilteredByWhere() {
    Table table = table("* | stats count() as total, count(level:ERROR) as errors by service"
        + " | eval error_rate = errors / total * 100 | where error_rate > 5");
    assertThat(table.columns()).extracting(Column::name).containsExactly("service", "total", "errors", "error_rate");
    assertThat(table.columns().get(3).type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(table.rows()).containsExactly(
        Arrays.asList("api", 4L, 1L, 25.0),
        Arrays.asList("db", 2L, 1L, 50.0));
    Table none = table("* | stats count() as total, count(level:ERROR) as errors by service"
        + " | eval error_rate = errors / total * 100 | where error_rate > 30");
    assertThat(none.rows()).containsExactly(Arrays.asList("db", 2L, 1L, 50.0));
  }

  @Test
  void divisionNeverTruncates() {
    Table table = table("* | stats count() as total, count(level:ERROR) as errors | eval r = errors / total");
    assertThat(table.rows().get(0).get(2)).isEqualTo(2.0 / 6.0);
  }

  @Test
  void conditionalAggregatesTakeAnyFilterInCountOrAnIfSuffix() {
    Table table = table("* | stats count(status:>=500) as e5, count(level:(ERROR OR WARN)) as bad,"
        + " sum(bytes) if (status:>=500) as bytes5, avg(bytes) if (service:api) as avg_api,"
        + " max(status) if (NOT level:ERROR) as top_ok, p50(bytes) if (level:INFO), count() if (boom) as words");
    assertThat(table.columns()).extracting(Column::name).containsExactly("e5", "bad", "bytes5", "avg_api",
        "top_ok", "p50(bytes) if (level:INFO)", "words");
    List<Object> row = table.rows().get(0);
    assertThat(row.get(0)).isEqualTo(2L);
    assertThat(row.get(1)).isEqualTo(3L);
    assertThat(row.get(2)).isEqualTo(350.5);
    assertThat(row.get(3)).isEqualTo((100 + 300 + 7) / 3.0);
    assertThat(row.get(4)).isEqualTo(404.0);
    assertThat(row.get(6)).isEqualTo(2L);
  }

  @Test
  void countOfASingleNameStillCountsEventsThatHaveTheField() {
    Table table = table("* | stats count(bytes), count(level:ERROR)");
    assertThat(table.columns()).extracting(Column::name).containsExactly("count(bytes)", "count(level:ERROR)");
    assertThat(table.rows().get(0)).containsExactly(5L, 2L);
  }

  @Test
  void aConditionalAggregateWithoutMatchesGivesWhatTheAggregationGivesForNoEvents() {
    Table table = table("* | stats count(level:FATAL) as fatal, sum(bytes) if (level:FATAL) as s,"
        + " max(bytes) if (level:FATAL) as m by service");
    assertThat(table.rows()).containsExactly(Arrays.asList("api", 0L, 0.0, null), Arrays.asList("db", 0L, 0.0, null));
  }

  @Test
  void evalOnEventsAddsAFieldThatLaterPipesRead() {
    // "n/a" >= 100 compares as text, as where does: so big is true there too, and its kb is null
    Table table = table("* | eval kb = bytes / 1000, big = bytes >= 100 | where big = true"
        + " | stats sum(kb) as kb, count() by service");
    assertThat(table.rows()).containsExactly(Arrays.asList("api", 0.4, 3L));
    EvaluationResult events = run("service:api | eval kind = if(status >= 500, \"server\", \"fine\")"
        + " | where kind = server");
    assertThat(events.events()).extracting(e -> e.get("kind")).containsExactly("server");
    assertThat(events.events()).extracting(LogEvent::message).containsExactly("boom");
  }

  @Test
  void evalOnEventsIsSortableAndANullRemovesTheField() {
    EvaluationResult result = run("* | eval per = bytes / (status - 200) | sort -per | head 3");
    assertThat(result.events()).extracting(e -> e.get("per")).containsExactly(300.0 / 303, 50.5 / 300, 7.0 / 204);
    EvaluationResult removed = run("* | eval status = null | where status = 200");
    assertThat(removed.events()).isEmpty();
  }

  @Test
  void whereExpressionsCombineConditionsAndArithmetic() {
    EvaluationResult result = run("* | where status >= 500 or bytes * 2 < 20");
    assertThat(result.events()).extracting(e -> e.get("status")).containsExactly(404L, 500L, 503L);
    Table table = table("* | stats count() as total, count(level:ERROR) as errors by service"
        + " | where errors / total > 0.3 and not service = \"api\"");
    assertThat(table.rows()).containsExactly(Arrays.asList("db", 2L, 1L));
  }

  @Test
  void plainWhereStillComparesWithALiteralValue() {
    EvaluationResult result = run("* | where service = api | where bytes > 99");
    assertThat(result.events()).extracting(LogEvent::message).containsExactly("slow", "boom", "ok");
  }

  @Test
  void tableEvalReplacesAColumnInPlaceAndReadsAggregationColumns() {
    Table table = table("* | stats count(), avg(bytes) by service | eval count() = count() * 2,"
        + " label = concat(upper(service), \"-\", round(`avg(bytes)`, 1))");
    assertThat(table.columns()).extracting(Column::name).containsExactly("service", "count()", "avg(bytes)", "label");
    assertThat(table.columns().get(1).type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(table.rows().get(0).get(1)).isEqualTo(8.0);
    assertThat(table.rows().get(0).get(3)).isEqualTo("API-135.7");
    assertThat(table.rows().get(1).get(3)).isEqualTo("DB-50.5");
  }

  @Test
  void unknownColumnsInATableExpressionNameTheNearest() {
    assertThatThrownBy(() -> run("* | stats count() as total by service | eval r = totl * 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown column 'totl'").hasMessageContaining("did you mean 'total'");
  }

  @Test
  void stringArithmeticOnDataIsNullNotAnError() {
    EvaluationResult result = run("level:WARN | eval x = bytes * 2, y = coalesce(x, -1)");
    assertThat(result.events().get(0).get("x")).isNull();
    assertThat(result.events().get(0).get("y")).isEqualTo(-1L);
  }
}
