package dev.corral.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import org.junit.jupiter.api.Test;

class QueryParseBenchmarkTest {
  @Test
  void everyCookbookQueryParsesAndTheBenchmarkGoesRoundRobin() {
    QueryParseBenchmark benchmark = new QueryParseBenchmark();

    for (String query : QueryParseBenchmark.COOKBOOK) {
      QueryPlan expected = QueryPlanParser.parse(query);
      assertThat(benchmark.parsePlan()).as(query).isEqualTo(expected);
    }
    assertThat(benchmark.parsePlan()).isEqualTo(QueryPlanParser.parse(QueryParseBenchmark.COOKBOOK.get(0)));
  }

  @Test
  void filterBenchmarkStopsAtThePipes() {
    QueryParseBenchmark benchmark = new QueryParseBenchmark();

    for (String query : QueryParseBenchmark.COOKBOOK) {
      assertThat(benchmark.parseFilter()).as(query).isEqualTo(QueryPlanParser.parse(query).filter());
    }
    assertThat(QueryParseBenchmark.COOKBOOK).anyMatch(q -> q.startsWith("* |"));
    assertThat(QueryPlanParser.parse("* | timechart span=1m count() by service").filter()).isInstanceOf(MatchAll.class);
  }
}
