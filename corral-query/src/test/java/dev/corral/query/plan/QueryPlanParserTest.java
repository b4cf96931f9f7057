package dev.corral.query.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.corral.query.QuerySyntaxException;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Term;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryPlanParserTest {

  private static Pipe only(String text) {
    QueryPlan plan = QueryPlanParser.parse(text);
    assertThat(plan.pipes()).hasSize(1);
    return plan.pipes().get(0);
  }

  static void assertFails(String text, String reasonPart, int position) {
    QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> QueryPlanParser.parse(text));
    assertThat(e).as("parsing %s", text).isNotNull();
    assertThat(e.reason()).as("reason for %s", text).contains(reasonPart);
    assertThat(e.position()).as("position for %s (%s)", text, e.getMessage()).isEqualTo(position);
    assertThat(e.query()).isEqualTo(text);
  }

  @Test
  void filterWithoutPipesIsAPlainPlan() {
    QueryPlan plan = QueryPlanParser.parse("level:ERROR");
    assertThat(plan.filter()).isEqualTo(new Term("level", "ERROR"));
    assertThat(plan.pipes()).isEmpty();
    assertThat(plan.yieldsTable()).isFalse();
  }

  @Test
  void statsReadsEveryFunctionWithNormalizedNames() {
    StatsPipe stats = (StatsPipe) only("level:ERROR | STATS Count(), count(user_id), count_distinct(user_id), dc(host),"
        + " sum(bytes), avg(bytes), min(bytes), max(bytes), p50(d), p75(d), p90(d), p95(performance.duration_ms), p99(d),"
        + " percentile(d, 99.9), percentile(d, 0.25) by service, @host");
    assertThat(stats.by()).containsExactly("service", "@host");
    assertThat(stats.aggregations()).extracting(Aggregation::name).containsExactly(
        "count()", "count(user_id)", "count_distinct(user_id)", "dc(host)", "sum(bytes)", "avg(bytes)", "min(bytes)",
        "max(bytes)", "p50(d)", "p75(d)", "p90(d)", "p95(performance.duration_ms)", "p99(d)",
        "percentile(d, 99.9)", "percentile(d, 0.25)");
    assertThat(stats.aggregations()).extracting(Aggregation::function).containsExactly(
        AggFunction.COUNT, AggFunction.COUNT, AggFunction.COUNT_DISTINCT, AggFunction.COUNT_DISTINCT, AggFunction.SUM,
        AggFunction.AVG, AggFunction.MIN, AggFunction.MAX, AggFunction.PERCENTILE, AggFunction.PERCENTILE,
        AggFunction.PERCENTILE, AggFunction.PERCENTILE, AggFunction.PERCENTILE, AggFunction.PERCENTILE,
        AggFunction.PERCENTILE);
    assertThat(stats.aggregations().get(0).field()).isNull();
    assertThat(stats.aggregations().get(11).quantile()).isEqualTo(0.95);
    assertThat(stats.aggregations().get(13).quantile()).isEqualTo(0.999, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(stats.aggregations().get(14).quantile()).isEqualTo(0.25);
  }

  @Test
  void aliasesRenameColumns() {
    StatsPipe stats = (StatsPipe) only("| stats count() as n, p95(d) AS \"slow ones\"");
    assertThat(stats.aggregations()).extracting(Aggregation::name).containsExactly("n", "slow ones");
  }

  @Test
  void timechartWithAndWithoutSpan() {
    TimechartPipe chart = (TimechartPipe) only("* | timechart span=1m count() by level");
    assertThat(chart.span()).isEqualTo(Duration.ofMinutes(1));
    assertThat(chart.by()).isEqualTo("level");
    TimechartPipe auto = (TimechartPipe) only("| timechart avg(d), max(d)");
    assertThat(auto.span()).isNull();
    assertThat(auto.by()).isNull();
    assertThat(auto.aggregations()).hasSize(2);
  }

  @Test
  void tablePipes() {
    QueryPlan plan = QueryPlanParser.parse(
        "service:api | sort -timestamp, level, +host | head 20 | where count >= 10 | fields timestamp, message");
    assertThat(plan.pipes()).containsExactly(
        new SortPipe(List.of(new SortKey("timestamp", true), new SortKey("level", false), new SortKey("host", false))),
        new HeadPipe(20),
        new WherePipe("count", CompareOp.GE, "10"),
        new FieldsPipe(List.of("timestamp", "message")));
    assertThat(plan.yieldsTable()).isTrue();
  }

  @Test
  void aggregationColumnsCanBeNamedAsWritten() {
    assertThat(only("| sort -COUNT( ), p95(d)")).isEqualTo(new SortPipe(List.of(
        new SortKey("count()", true), new SortKey("p95(d)", false))));
    assertThat(only("| where percentile(d,99) > 1")).isEqualTo(new WherePipe("percentile(d, 99)", CompareOp.GT, "1"));
    assertThat(only("| fields service, count()")).isEqualTo(new FieldsPipe(List.of("service", "count()")));
  }

  @Test
  void defaultsOfHeadAndTop() {
    assertThat(only("| head")).isEqualTo(new HeadPipe(10));
    assertThat(only("| head 0")).isEqualTo(new HeadPipe(0));
    assertThat(only("| top service")).isEqualTo(new TopPipe(10, "service"));
    assertThat(only("| top 3 http.status_code")).isEqualTo(new TopPipe(3, "http.status_code"));
  }

  @Test
  void whereReadsEveryOperatorAndValueForm() {
    assertThat(only("| where a=1")).isEqualTo(new WherePipe("a", CompareOp.EQ, "1"));
    assertThat(only("| where a != 'x y'")).isEqualTo(new WherePipe("a", CompareOp.NE, "x y"));
    assertThat(only("| where a<-1.5")).isEqualTo(new WherePipe("a", CompareOp.LT, "-1.5"));
    assertThat(only("| where a <= b")).isEqualTo(new WherePipe("a", CompareOp.LE, "b"));
    assertThat(only("| where \"count()\" > 3")).isEqualTo(new WherePipe("count()", CompareOp.GT, "3"));
    assertThat(only("| where timestamp >= 2026-11-21T17:00:00Z"))
        .isEqualTo(new WherePipe("timestamp", CompareOp.GE, "2026-11-21T17:00:00Z"));
  }

  @Test
  void quotedBarInFilterDoesNotStartAPipe() {
    QueryPlan plan = QueryPlanParser.parse("\"a | b\" | head 1");
    assertThat(plan.pipes()).containsExactly(new HeadPipe(1));
    assertThat(QueryPlanParser.parse("| head 1").filter()).isEqualTo(new MatchAll());
  }

  @Test
  void unknownPipeSuggestsTheNearest() {
    assertFails("level:ERROR | stast count()", "unknown pipe 'stast'; did you mean 'stats'?", 14);
    assertFails("x | frobnicate", "unknown pipe 'frobnicate'; pipes are stats", 4);
  }

  @Test
  void unknownFunctionSuggestsTheNearest() {
    assertFails("x | stats cout()", "unknown function 'cout'; did you mean 'count'?", 10);
    assertFails("x | stats count(), avgg(d)", "unknown function 'avgg'; did you mean 'avg'?", 19);
    assertFails("x | stats median(d)", "unknown function 'median'", 10);
  }

  @Test
  void onlyOneAggregatingPipe() {
    assertFails("| stats count() | top host", "only one of stats, timechart and top", 18);
    assertFails("| fields a | stats count()", "'fields' at position 2 comes before 'stats'", 2);
  }

  @Test
  void numbersOutOfRange() {
    assertFails("| head -1", "head count -1 is out of range", 7);
    assertFails("| head 99999999999", "out of range", 7);
    assertFails("| top 0 host", "top count 0 is out of range", 6);
    assertFails("| timechart span=0s count()", "span '0s' must be longer than zero", 17);
    assertFails("| timechart span=fast count()", "span 'fast' is not a duration", 17);
    assertFails("| stats percentile(d, 101)", "percentile 101 is out of range", 22);
    assertFails("| stats percentile(d, x)", "percentile 'x' is not a number", 22);
  }

  @Test
  void malformedPipes() {
    assertFails("a |", "expected a pipe name", 3);
    assertFails("a | | head", "expected a pipe name", 4);
    assertFails("| stats", "expected an aggregation", 7);
    assertFails("| stats count(", "expected a field, a filter or ')' in count(, found the end of the query", 14);
    assertFails("| stats count(a b", "expected ')' to close the filter, found the end of the query", 17);
    assertFails("| stats sum()", "sum() needs a field", 12);
    assertFails("| stats count() by", "expected a field after 'by'", 18);
    assertFails("| stats count() host", "unexpected 'host' in stats", 16);
    assertFails("| timechart count() by a, b", "timechart splits by one field only", 24);
    assertFails("| where", "expected an expression, found the end of the query", 7);
    assertFails("| where a = ", "expected a value, a field or a function, found the end of the query", 12);
    assertFails("| head 5 6", "unexpected '6' in head", 9);
    assertFails("| fields a,", "expected a field name", 11);
    assertFails("| where a = \"open", "unterminated string", 12);
  }

  @Test
  void duplicateColumnsAreRefused() {
    assertFails("| stats count(), count()", "column 'count()' appears twice; name one with 'as'", 8);
    assertFails("| stats count() by a, a", "column 'a' appears twice", 22);
  }

  @Test
  void overlongQueryIsRefused() {
    String text = "a".repeat(QueryPlanParser.MAX_QUERY_CHARS + 1);
    assertFails(text, "the limit is 65536", QueryPlanParser.MAX_QUERY_CHARS);
  }

  @Test
  void filterErrorsKeepTheirPositions() {
    assertFails("level:(ERROR | head", "", 6);
  }
}
