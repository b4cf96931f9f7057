package dev.corral.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCostTest {
  private static QueryCost cost(String filter) {
    return QueryCost.of(QueryParser.parse(filter));
  }

  @Test
  void termsPhrasesAndRangesCostALookupPerFieldSearched() {
    assertThat(cost("").units()).isZero();
    assertThat(cost("level:ERROR").units()).isEqualTo(1);
    assertThat(cost("service:api AND NOT host:a").units()).isEqualTo(2);
    assertThat(cost("timeout").units()).as("message and exception.stacktrace").isEqualTo(2);
    assertThat(cost("status:[500 TO 599] timestamp:>now-15m").units()).isEqualTo(2);
    assertThat(cost("level:*RR*").units()).as("level has a handful of terms").isEqualTo(1);
  }

  @Test
  void patternsWithANarrowStartCostTheirStarts() {
    assertThat(cost("service:pay*").units()).isEqualTo(2);
    assertThat(cost("service:/[pP][aA][yY].*/").units()).isEqualTo(9);
    assertThat(cost("service:pay*").scans()).isZero();
  }

  @Test
  void patternsWithAWideStartAndTextRangesScanTheDictionary() {
    QueryCost leading = cost("trace_id:*0a1*");
    assertThat(leading.scans()).isEqualTo(1);
    assertThat(leading.units()).isGreaterThan(QueryCost.SCAN);
    assertThat(cost("trace_id:?0a1").scans()).isEqualTo(1);
    assertThat(cost("service:/.*pay/").scans()).isEqualTo(1);
    assertThat(cost("service:/[a-z]+pay/").scans()).as("26^3 starts").isEqualTo(1);
    assertThat(cost("*error*").scans()).as("two full-text fields").isEqualTo(2);
    assertThat(cost("service:[a TO m]").scans()).isEqualTo(1);
    assertThat(cost("status:[1d TO 9d]").scans()).as("Java number suffixes are text to the resolver").isEqualTo(1);
    assertThat(cost("status:[0x1p4 TO 5f]").scans()).isEqualTo(1);
    assertThat(cost("status:[400 TO 499]").scans()).as("a numeric range looks up points").isZero();
  }

  @Test
  void clausesAddUpAndTheDescriptionNamesThem() {
    List<String> clauses = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      clauses.add("trace_id:*" + Integer.toHexString(i) + "*");
    }
    QueryCost many = cost(String.join(" OR ", clauses));
    assertThat(many.scans()).isEqualTo(1000);
    assertThat(many.clauses()).isEqualTo(1000);
    assertThat(many.units()).isGreaterThanOrEqualTo(1000 * QueryCost.SCAN);
    assertThat(many.describe()).contains("1000 scans of a whole terms dictionary, 1000 clauses");
  }

  @Test
  void aPatternThatDoesNotCompileCountsAsAScan() {
    assertThat(cost("service:/a{1,100000}[/").scans()).isEqualTo(1);
  }

  @Test
  void extractionPipesCountAScanEachSoTheyRunInTheExpensiveLane() {
    QueryPlan plan = QueryPlanParser.parse("* | json | logfmt payload | where code >= 500");
    QueryCost cost = QueryCost.of(plan.filter()).plusExtractions(plan.sourceReads());
    assertThat(plan.sourceReads()).isEqualTo(2);
    assertThat(cost.units()).isEqualTo(2 * QueryCost.SCAN);
    assertThat(cost.scans()).isEqualTo(2);
    assertThat(cost.reaches(1000)).isTrue(); // the default search.expensive_query_cost
    assertThat(cost("service:api").plusExtractions(0)).isEqualTo(cost("service:api"));
  }
}
