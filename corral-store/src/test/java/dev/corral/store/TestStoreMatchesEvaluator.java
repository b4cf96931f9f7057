package dev.corral.store;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.EvaluationResult;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue 3: random events go into a fresh store (several batches, so
 * several segments, over three daily partitions, committed once midway) and random queries run
 * through the store and through the in-memory {@link PlanEvaluator} over the same events, with
 * the same {@code now}, time window, limits and keyword limit; the results must agree ({@link
 * ResultComparison}). Both refusing a query with an {@link IllegalArgumentException} is agreement.
 * In every third store, the first day's partition starts with events written the way an earlier
 * version wrote them ({@link PreviousVersionPartitions}: doc values on identifiers, points on
 * numbers), and the store then adds to it, so queries meet both schemas, in one partition and
 * across partitions.
 *
 * <p>Prints its seed; rerun with {@code ./mvnw -pl corral-store test
 * -Dtest=TestStoreMatchesEvaluator -Dtests.seed=<seed>}. {@code -Dtests.iters=N} runs N times
 * the default {@value #STORES} stores of {@value #QUERIES_PER_STORE} queries.
 */
public class TestStoreMatchesEvaluator {
  public static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");
  /** Stores per run: each a new event set; every third has timestamp ties. */
  static final int STORES = 10;
  static final int QUERIES_PER_STORE = 60;

  @TempDir Path dir;

  @Test
  void storeAndEvaluatorReturnTheSameResultsForRandomQueries() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    int iters = Integer.getInteger("tests.iters", 1);
    System.out.println("TestStoreMatchesEvaluator seed=" + seed + " (rerun: ./mvnw -pl corral-store test"
        + " -Dtest=TestStoreMatchesEvaluator -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    int[] tally = new int[3]; // events, tables, refused
    for (int round = 0; round < STORES * iters; round++) {
      runRound(random, round, seed, tally);
    }
    System.out.println("TestStoreMatchesEvaluator seed=" + seed + ": " + tally[0] + " event results, " + tally[1]
        + " tables, " + tally[2] + " refused by both");
  }

  /** Two writers and one reader: events of many days evict writers and readers all the time. */
  private static final StoreLimits TIGHT_LIMITS = new StoreLimits(2, 1, StoreLimits.DEFAULT_MAX_FIELDS_PER_PARTITION,
      StoreLimits.DEFAULT_RECOVERY_INTERVAL);

  private void runRound(Random random, int round, long seed, int[] tally) throws Exception {
    boolean ties = round % 3 == 2;
    List<LogEvent> events = RandomEvents.generate(random, 250 + random.nextInt(150), ties);
    StoreConfig config = new StoreConfig(dir.resolve("store-" + round), 2, 16, Duration.ofMillis(50),
        Duration.ofHours(1), StoreTesting.NEVER_WARM, RandomEvents.MAX_KEYWORD_BYTES, position -> { },
        TIGHT_LIMITS, StoreConfig.DEFAULT_COMPACTION_MAX_BYTES_PER_SEC);
    List<LogEvent> toStore = events;
    if (round % 3 == 0) {
      long secondDay = Timestamps.toNanos(RandomEvents.FIRST_DAY.plus(Duration.ofDays(1)));
      List<LogEvent> previous = events.subList(0, events.size() / 2).stream()
          .filter(e -> e.timestamp() < secondDay).toList();
      PreviousVersionPartitions.write(config.directory(), previous, RandomEvents.MAX_KEYWORD_BYTES);
      toStore = events.stream().filter(e -> !previous.contains(e)).toList();
    }
    try (LogStore store = LogStore.open(config)) {
      index(store, toStore, random);
      boolean warm = round % 2 == 1; // warm partitions (one best-compression segment) must answer the same
      if (warm) {
        for (PartitionInfo partition : store.searcher().partitions()) {
          store.lifecycle().compact(partition.day());
        }
      }
      RandomQueries queries = new RandomQueries(random, ties);
      for (int q = 0; q < QUERIES_PER_STORE; q++) {
        RandomQueries.Case query = queries.next();
        String where = "seed=" + seed + " round=" + round + " query=" + q + " ties=" + ties + " warm=" + warm + " "
            + query;
        QueryPlan plan = QueryPlanParser.parse(query.text());
        Outcome fromStore = Outcome.of(() -> store.searcher().query(request(plan, query)));
        Outcome fromEvaluator = Outcome.of(() -> PlanEvaluator.evaluate(plan, events, context(query)));
        int kind = ResultComparison.assertSame(fromStore, fromEvaluator, plan, ties, where);
        tally[kind]++;
      }
    }
  }

  /** Several batches (segments), a commit after about half of them, all visible at the end. */
  private static void index(LogStore store, List<LogEvent> events, Random random) throws Exception {
    TestWal wal = new TestWal();
    int batches = 3 + random.nextInt(4);
    int size = (events.size() + batches - 1) / batches;
    for (int b = 0; b * size < events.size(); b++) {
      wal.appendAndSubmit(store, events.subList(b * size, Math.min(events.size(), (b + 1) * size)));
      store.awaitIndexed();
      if (b == batches / 2) {
        store.commit();
      }
    }
  }

  public static QueryRequest request(QueryPlan plan, RandomQueries.Case query) {
    return new QueryRequest(plan, query.fromNanos(), query.toNanos(), query.limit(), NOW, Duration.ofMinutes(1),
        new QueryLimits(query.maxRows(), query.maxGroups(), QueryLimits.DEFAULT_MAX_MEMORY_BYTES));
  }

  /** The same request for the evaluator: its upper bound is exclusive, the store's inclusive. */
  public static EvaluationContext context(RandomQueries.Case query) {
    Instant from = query.fromNanos() == Long.MIN_VALUE ? null : RandomQueries.instant(query.fromNanos());
    Instant to = query.toNanos() == Long.MAX_VALUE ? null : RandomQueries.instant(query.toNanos() + 1);
    return new EvaluationContext(NOW, from, to, query.limit(), query.maxGroups(), query.maxRows(),
        RandomEvents.MAX_KEYWORD_BYTES);
  }

  /** A result of either back end, or the IllegalArgumentException it threw. */
  public record Outcome(Object result, IllegalArgumentException refusal) {
    public interface Run {
      Object run() throws Exception;
    }

    public static Outcome of(Run run) throws Exception {
      try {
        return new Outcome(run.run(), null);
      } catch (IllegalArgumentException e) {
        return new Outcome(null, e);
      }
    }

    List<String> ids() {
      List<String> ids = new ArrayList<>();
      if (result instanceof QueryResult r) {
        r.events().forEach(e -> ids.add(StoreTesting.parse(e).fields().getString("id")));
      } else {
        ((EvaluationResult) result).events().forEach(e -> ids.add(e.fields().getString("id")));
      }
      return ids;
    }
  }
}
