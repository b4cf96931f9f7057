package dev.corral.opensearch.query;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.index.OpenSearchStore;
import dev.corral.opensearch.index.OpenSearchStoreConfig;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.RandomEvents;
import dev.corral.store.RandomQueries;
import dev.corral.store.ResultComparison;
import dev.corral.store.TestStoreMatchesEvaluator;
import dev.corral.store.TestStoreMatchesEvaluator.Outcome;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue 3 against the OpenSearch backend: corral-store's own generators
 * ({@link RandomEvents}, {@link RandomQueries}) and comparison ({@link ResultComparison}, with its
 * tolerances: sum/avg 1e-9 relative, count_distinct ±2%, percentiles exact over at most 200 values per
 * field), run on a real node: random events go through the {@link OpenSearchStore} (its index template
 * with {@link dev.corral.opensearch.mapping.EventMappings}, its {@code _bulk} writer) into daily indices,
 * random queries run through its {@link OpenSearchSearch} and through the in-memory {@link PlanEvaluator}, with the same {@code now}, window,
 * limits and keyword limit; the answers must agree, refusals included. Each query's filter also runs
 * alone, which OpenSearch answers by itself (exact count, newest events): so the translation of the filter
 * to the Query DSL is held to the evaluator, not only the pipes Corral runs after the fetch.
 *
 * <p>Prints its seed; rerun with {@code ./mvnw -pl corral-opensearch -am test
 * -Dtest=TestOpenSearchMatchesEvaluator -Dtests.seed=<seed> -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TestOpenSearchMatchesEvaluator {
  @RegisterExtension static final OpenSearchTestNode node = new OpenSearchTestNode();
  @TempDir Path data;

  /** Event sets per run: each a new set of indices; every third has timestamp ties. */
  static final int ROUNDS = 4;
  static final int QUERIES_PER_ROUND = 60;

  @Test
  void openSearchAndEvaluatorReturnTheSameResultsForRandomQueries() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    int iters = Integer.getInteger("tests.iters", 1);
    System.out.println("TestOpenSearchMatchesEvaluator seed=" + seed + " (rerun: ./mvnw -pl corral-opensearch -am test"
        + " -Dtest=TestOpenSearchMatchesEvaluator -Dsurefire.failIfNoSpecifiedTests=false -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    int[] tally = new int[3];
    int pushedDown = 0;
    for (int round = 0; round < ROUNDS * iters; round++) {
      boolean ties = round % 3 == 2;
      List<LogEvent> events = RandomEvents.generate(random, 250 + random.nextInt(150), ties);
      OpenSearchStoreConfig config = OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())),
          data.resolve("round-" + round), "node-a").withPrefix("differential-" + round)
          .withMaxKeywordBytes(RandomEvents.MAX_KEYWORD_BYTES);
      try (OpenSearchStore store = OpenSearchStore.open(config)) {
        write(store, events, random);
        EventSearch search = store.search();
        RandomQueries queries = new RandomQueries(random, ties);
        for (int q = 0; q < QUERIES_PER_ROUND; q++) {
          RandomQueries.Case query = queries.next();
          String where = "seed=" + seed + " round=" + round + " query=" + q + " ties=" + ties + " " + query;
          QueryPlan plan = QueryPlanParser.parse(query.text());
          Outcome fromOpenSearch = Outcome.of(() -> search.query(TestStoreMatchesEvaluator.request(plan, query)));
          Outcome fromEvaluator = Outcome.of(() -> PlanEvaluator.evaluate(plan, events,
              TestStoreMatchesEvaluator.context(query)));
          tally[ResultComparison.assertSame(fromOpenSearch, fromEvaluator, plan, ties, where)]++;
          if (fromOpenSearch.result() instanceof QueryResult r && !r.stepMillis().containsKey("fetch")) {
            pushedDown++; // answered by OpenSearch's aggregations alone
          }
          // the filter alone is answered by OpenSearch (events pushed down): its exact count must agree too
          QueryPlan filter = new QueryPlan(plan.filter(), List.of());
          ResultComparison.assertSame(Outcome.of(() -> search.query(TestStoreMatchesEvaluator.request(filter, query))),
              Outcome.of(() -> PlanEvaluator.evaluate(filter, events, TestStoreMatchesEvaluator.context(query))), filter,
              ties, "filter only: " + where);
        }
      }
    }
    System.out.println("TestOpenSearchMatchesEvaluator seed=" + seed + ": " + tally[0] + " event results, "
        + tally[1] + " tables, " + tally[2] + " refused by both; " + pushedDown + " aggregations pushed down");
  }

  /** The events in a few WAL records (so a few bulk requests), as the server submits them; all visible at the end. */
  private static void write(OpenSearchStore store, List<LogEvent> events, Random random) throws Exception {
    int records = 1 + random.nextInt(4);
    int size = (events.size() + records - 1) / records;
    long position = 0;
    for (int r = 0; r * size < events.size(); r++) {
      EventBatch batch = EventBatch.encode(events.subList(r * size, Math.min(events.size(), (r + 1) * size)));
      long next = position + batch.source().length + 16;
      store.submit(position, next, EventBatch.decode(batch.source()));
      position = next;
    }
    store.awaitIndexed();
  }
}
