package dev.corral.opensearch.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.corral.model.CanonicalJson;
import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.index.OpenSearchStore;
import dev.corral.opensearch.index.OpenSearchStoreConfig;
import dev.corral.opensearch.mapping.EventMappings;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.RandomEvents;
import dev.corral.store.RandomQueries;
import dev.corral.store.ResultComparison;
import dev.corral.store.TestStoreMatchesEvaluator.Outcome;
import dev.corral.store.TestStoreMatchesEvaluator;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.QueryTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side on one real node (one node start for all of it): the differential test against the
 * in-memory evaluator on random events and queries ({@link
 * #openSearchAndEvaluatorReturnTheSameResultsForRandomQueries}), and the contract beyond it: the row bound of the pipes
 * that run in Corral, the deadline, the days read, the field names, sources byte for byte and the fields
 * beyond the per-index field limit put back. Thirty events over three days, written once through
 * {@link OpenSearchStore} with a limit of four fields per index.
 */
class TestOpenSearchSearch {
  @RegisterExtension static final OpenSearchTestNode node = new OpenSearchTestNode();
  @TempDir static Path data;
  @TempDir Path rounds;

  static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");
  static final List<LogEvent> EVENTS = new ArrayList<>();
  static OpenSearchStore store;
  static OpenSearchClient client;

  @BeforeAll
  static void writeEvents() throws Exception {
    for (int i = 0; i < 30; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("service", i % 2 == 0 ? "pay" : "auth");
      fields.put("duration", (long) i * 10);
      fields.put("user", "u" + i % 7);
      if (i == 29) { // the newest: more fields than the index takes
        fields.put("extra.a", "x");
        fields.put("extra_b", 1.5);
        fields.put("extra_c", true);
      }
      EVENTS.add(new LogEvent(Timestamps.toNanos(Instant.parse("2026-11-19T12:00:00Z").plus(Duration.ofHours(2L * i))),
          i % 5 == 0 ? Level.ERROR : Level.INFO, "request " + i + " done", Fields.of(fields)));
    }
    store = OpenSearchStore.open(OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())), data.resolve("store"),
        "node-a").withPrefix("search").withMaxFields(4));
    EventBatch batch = EventBatch.encode(EVENTS);
    store.submit(0, batch.source().length + 16, EventBatch.decode(batch.source()));
    store.awaitIndexed();
    client = node.client();
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
    client.close();
  }

  /** A search of the store's indices whose pipes in Corral read at most 20 events. */
  private static EventSearch bounded() {
    return new OpenSearchSearch(new ClientTransport(client), "search", EventMappings.DEFAULT_MAX_KEYWORD_BYTES, 20);
  }

  private static QueryRequest request(String query, long from, long to, Duration timeout) {
    return new QueryRequest(QueryPlanParser.parse(query), from, to, 100, NOW, timeout, QueryLimits.DEFAULTS);
  }

  private static QueryRequest request(String query) {
    return request(query, Long.MIN_VALUE, Long.MAX_VALUE, Duration.ofMinutes(1));
  }

  @Test
  void pipesThatRunInCorralOverMoreEventsThanTheBoundAreRefusedNamingThePipeAndTheBound() {
    assertThatThrownBy(() -> bounded().query(request("* | head 25 | where duration > 0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'where'").hasMessageContaining("30 events match").hasMessageContaining("20 it fetches");
    assertThatThrownBy(() -> bounded().query(request("* | sort user | stats count() by service")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sort'");
    QueryRequest smallMemory = new QueryRequest(QueryPlanParser.parse("* | sort duration"), Long.MIN_VALUE,
        Long.MAX_VALUE, 100, NOW, Duration.ofMinutes(1), new QueryLimits(100, 100, 2_000));
    assertThatThrownBy(() -> store.search().query(smallMemory)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("search.max_memory").hasMessageContaining("2,000");
    assertThatThrownBy(() -> bounded().query(request("* | json message | stats count()")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'json'");
  }

  @Test
  void whatOpenSearchAnswersByItselfHasNoRowBound() throws Exception {
    QueryResult counted = bounded().query(request("* | stats count(), sum(duration) by service"));
    assertThat(counted.table().rows()).containsExactly(List.of("auth", 15L, 2250.0), List.of("pay", 15L, 2100.0));
    assertThat(counted.total()).isEqualTo(30);
    QueryResult newest = bounded().query(request("* | head 3"));
    assertThat(newest.total()).isEqualTo(30);
    assertThat(newest.events()).extracting(e -> e.timestamp())
        .containsExactly(EVENTS.get(29).timestamp(), EVENTS.get(28).timestamp(), EVENTS.get(27).timestamp());
    QueryResult filtered = bounded().query(request("* | where duration >= 200 | where service = pay"));
    assertThat(filtered.total()).isEqualTo(5); // the wheres are OpenSearch's too
    assertThat(filtered.stepMillis()).doesNotContainKey("aggregate");
    QueryResult grouped = bounded().query(request("* | where duration >= 150 | stats count() by service"));
    assertThat(grouped.table().rows()).containsExactly(List.of("auth", 8L), List.of("pay", 7L));
    assertThat(grouped.stepMillis()).doesNotContainKey("fetch");
  }

  @Test
  void countDistinctAndPercentilesAreCorralsWithinTheBoundAndOpenSearchSketchesBeyondIt() throws Exception {
    String query = "* | stats dc(user), p50(duration), count() by service";
    QueryResult exact = store.search().query(request(query));
    assertThat(exact.stepMillis()).containsKey("fetch"); // 30 events: Corral's own sketches
    assertThat(exact.table().rows()).containsExactly(List.of("auth", 7L, 150.0, 15L), List.of("pay", 7L, 140.0, 15L));
    QueryResult sketched = bounded().query(request(query)); // 30 events, more than the bound of 20
    assertThat(sketched.stepMillis()).doesNotContainKey("fetch");
    assertThat(sketched.table().columns()).isEqualTo(exact.table().columns());
    List<List<Object>> rows = sketched.table().rows();
    assertThat(rows).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3))
        .containsExactly(tuple("auth", 7L, 15L), tuple("pay", 7L, 15L)); // cardinality is exact this small
    assertThat((Double) rows.get(0).get(2)).isCloseTo(150.0, within(20.0)); // TDigest: within one value's step
    assertThat((Double) rows.get(1).get(2)).isCloseTo(140.0, within(20.0));
    QueryRequest capped = new QueryRequest(QueryPlanParser.parse("* | stats dc(service) by user"), Long.MIN_VALUE,
        Long.MAX_VALUE, 100, NOW, Duration.ofMinutes(1), new QueryLimits(100, 3, QueryLimits.DEFAULT_MAX_MEMORY_BYTES));
    assertThatThrownBy(() -> bounded().query(capped)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("search.max_groups");
  }

  @Test
  void aQueryPastItsDeadlineThrowsQueryTimeoutException() {
    assertThatThrownBy(() -> store.search().query(request("*", Long.MIN_VALUE, Long.MAX_VALUE, Duration.ZERO)))
        .isInstanceOf(QueryTimeoutException.class);
  }

  @Test
  void theDaysReadAreThoseWhoseIndexOverlapsTheWindowNewestFirst() throws Exception {
    long from = Timestamps.toNanos(Instant.parse("2026-11-20T05:00:00Z"));
    long to = Timestamps.toNanos(Instant.parse("2026-11-21T01:00:00Z"));
    QueryResult result = store.search().query(request("*", from, to, Duration.ofMinutes(1)));
    assertThat(result.partitionsRead()).containsExactly("2026-11-21", "2026-11-20");
    assertThat(store.search().query(request("*")).partitionsRead())
        .containsExactly("2026-11-21", "2026-11-20", "2026-11-19");
    assertThat(result.total()).isEqualTo(10); // 06:00..00:00, every two hours
  }

  @Test
  void fieldNamesAreTheMappedEventFields() {
    assertThat(store.search().fieldNames()).contains("timestamp", "level", "message", "service", "duration", "user")
        .doesNotContain("service.n", "overflow");
  }

  @Test
  void eventsComeBackByteForByteAndFieldsBeyondTheFieldLimitArePutBack() throws Exception {
    QueryResult plain = store.search().query(request("user:u0 -request"));
    assertThat(plain.total()).isZero();
    QueryResult some = store.search().query(request("duration:[10 TO 30]"));
    assertThat(some.events()).extracting(e -> e.sourceText()).containsExactly(canonical(EVENTS.get(3)),
        canonical(EVENTS.get(2)), canonical(EVENTS.get(1)));
    String stored = new String(client.get("/search-2026.11.21/_search?q=duration:290").body(), StandardCharsets.UTF_8);
    assertThat(stored).as("the writer moved fields beyond the limit").contains("\"" + EventMappings.OVERFLOW + "\":{");
    QueryResult overflowing = store.search().query(request("duration:290"));
    LogEvent back = CanonicalJson.read(overflowing.events().get(0).source(), 0, overflowing.events().get(0).source().length);
    assertThat(back.fields().toMap()).isEqualTo(EVENTS.get(29).fields().toMap());
    assertThat(back.timestamp()).isEqualTo(EVENTS.get(29).timestamp());
    assertThat(back.message()).isEqualTo(EVENTS.get(29).message());
    for (String field : List.of("extra.a", "extra_b", "extra_c")) { // f:* finds a field wherever it is stored
      assertThat(store.search().query(request(field + ":*")).total()).as(field).isEqualTo(1);
    }
  }

  private static String canonical(LogEvent event) {
    return new String(CanonicalJson.toBytes(event), StandardCharsets.UTF_8);
  }

  /** Event sets per run: each a new set of indices (seconds to create); every second has timestamp ties. */
  static final int ROUNDS = 2;
  static final int QUERIES_PER_ROUND = 60;

  /**
   * The differential test of issue 3 against the OpenSearch backend: corral-store's own generators
   * ({@link RandomEvents}, {@link RandomQueries}) and comparison ({@link ResultComparison}, with its
   * tolerances: sum/avg 1e-9 relative, count_distinct ±2%, percentiles exact over at most 200 values per
   * field), run on a real node: random events go through the {@link OpenSearchStore} (its index template
   * with {@link dev.corral.opensearch.mapping.EventMappings}, its {@code _bulk} writer) into daily indices,
   * random queries run through its {@link OpenSearchSearch} and through the in-memory {@link PlanEvaluator},
   * with the same {@code now}, window, limits and keyword limit; the answers must agree, refusals included.
   * Each query's filter also runs alone, which OpenSearch answers by itself (exact count, newest events): so
   * the translation of the filter to the Query DSL is held to the evaluator, not only the pipes Corral runs
   * after the fetch.
   *
   * <p>Prints its seed; rerun with {@code ./mvnw -pl corral-opensearch -am test
   * -Dtest=TestOpenSearchSearch -Dtests.seed=<seed> -Dsurefire.failIfNoSpecifiedTests=false}.
   */
  @Test
  void openSearchAndEvaluatorReturnTheSameResultsForRandomQueries() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    int iters = Integer.getInteger("tests.iters", 1);
    System.out.println("TestOpenSearchSearch seed=" + seed + " (rerun: ./mvnw -pl corral-opensearch -am test"
        + " -Dtest=TestOpenSearchSearch -Dsurefire.failIfNoSpecifiedTests=false -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    int[] tally = new int[3];
    int pushedDown = 0;
    for (int round = 0; round < ROUNDS * iters; round++) {
      boolean ties = round % 2 == 1;
      List<LogEvent> events = RandomEvents.generate(random, 250 + random.nextInt(150), ties);
      OpenSearchStoreConfig config = OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())),
          rounds.resolve("round-" + round), "node-a").withPrefix("differential-" + round)
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
    System.out.println("TestOpenSearchSearch seed=" + seed + ": " + tally[0] + " event results, "
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
