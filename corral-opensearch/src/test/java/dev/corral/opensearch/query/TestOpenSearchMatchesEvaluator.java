package dev.corral.opensearch.query;

import dev.corral.model.LogEvent;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.RandomEvents;
import dev.corral.store.RandomQueries;
import dev.corral.store.ResultComparison;
import dev.corral.store.TestStoreMatchesEvaluator;
import dev.corral.store.TestStoreMatchesEvaluator.Outcome;
import dev.corral.store.search.QueryResult;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 3 against the OpenSearch backend: corral-store's own generators
 * ({@link RandomEvents}, {@link RandomQueries}) and comparison ({@link ResultComparison}, with its
 * tolerances: sum/avg 1e-9 relative, count_distinct ±2%, percentiles exact over at most 200 values per
 * field), run on a real node: random events go into daily indices made from {@link
 * dev.corral.opensearch.mapping.EventMappings}'s template, random queries run through {@link
 * OpenSearchSearch} and through the in-memory {@link PlanEvaluator}, with the same {@code now}, window,
 * limits and keyword limit; the answers must agree, refusals included. Each query's filter also runs
 * alone, which OpenSearch answers by itself (exact count, newest events): so the translation of the filter
 * to the Query DSL is held to the evaluator, not only the pipes Corral runs after the fetch.
 *
 * <p>Prints its seed; rerun with {@code ./mvnw -pl corral-opensearch -am test
 * -Dtest=TestOpenSearchMatchesEvaluator -Dtests.seed=<seed> -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TestOpenSearchMatchesEvaluator {
  /** Event sets per run: each a new set of indices; every third has timestamp ties. */
  static final int ROUNDS = 4;
  static final int QUERIES_PER_ROUND = 60;

  @Test
  void openSearchAndEvaluatorReturnTheSameResultsForRandomQueries() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    int iters = Integer.getInteger("tests.iters", 1);
    System.out.println("TestOpenSearchMatchesEvaluator seed=" + seed + " (rerun: ./mvnw -pl corral-opensearch -am test"
        + " -Dtest=TestOpenSearchMatchesEvaluator -Dsurefire.failIfNoSpecifiedTests=false -Dtests.seed=" + seed + ")");
    String url = System.getProperty("corral.opensearch.url");
    Assumptions.assumeTrue(url != null, "TEMPORARY: runs against -Dcorral.opensearch.url until OpenSearchTestNode is merged");
    SearchTransport cluster = new JdkTransport(url);
    Random random = new Random(seed);
    int[] tally = new int[3];
    int pushedDown = 0;
    for (int round = 0; round < ROUNDS * iters; round++) {
      boolean ties = round % 3 == 2;
      String prefix = "differential-" + round;
      List<LogEvent> events = RandomEvents.generate(random, 250 + random.nextInt(150), ties);
      TestIndex.template(cluster, prefix, RandomEvents.MAX_KEYWORD_BYTES);
      TestIndex.write(cluster, prefix, events);
      OpenSearchSearch search = new OpenSearchSearch(cluster, prefix, RandomEvents.MAX_KEYWORD_BYTES);
      RandomQueries queries = new RandomQueries(random, ties);
      try {
        for (int q = 0; q < QUERIES_PER_ROUND; q++) {
          RandomQueries.Case query = queries.next();
          String where = "seed=" + seed + " round=" + round + " query=" + q + " ties=" + ties + " " + query;
          QueryPlan plan = QueryPlanParser.parse(query.text());
          Outcome fromOpenSearch = Outcome.of(() -> search.query(TestStoreMatchesEvaluator.request(plan, query)));
          Outcome fromEvaluator = Outcome.of(() -> PlanEvaluator.evaluate(plan, events,
              TestStoreMatchesEvaluator.context(query)));
          tally[ResultComparison.assertSame(fromOpenSearch, fromEvaluator, plan, ties, where)]++;
          if (fromOpenSearch.result() instanceof QueryResult r && !r.stepMillis().containsKey("fetch")) {
            pushedDown++; // answered by OpenSearch's aggregations or its newest hits alone
          }
          // the filter alone is answered by OpenSearch (events pushed down): its exact count must agree too
          QueryPlan filter = new QueryPlan(plan.filter(), List.of());
          ResultComparison.assertSame(Outcome.of(() -> search.query(TestStoreMatchesEvaluator.request(filter, query))),
              Outcome.of(() -> PlanEvaluator.evaluate(filter, events, TestStoreMatchesEvaluator.context(query))), filter,
              ties, "filter only: " + where);
        }
      } finally {
        TestIndex.delete(cluster, prefix);
      }
    }
    System.out.println("TestOpenSearchMatchesEvaluator seed=" + seed + ": " + tally[0] + " event results, "
        + tally[1] + " tables, " + tally[2] + " refused by both; " + pushedDown + " aggregations pushed down");
  }
}
