package dev.corral.opensearch.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.index.OpenSearchStore;
import dev.corral.opensearch.index.OpenSearchStoreConfig;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.RangeBounds;
import dev.corral.store.EventStore;
import dev.corral.store.LogStore;
import dev.corral.store.StoreConfig;
import dev.corral.store.search.EventSearch;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand ({@code -Dcorral.perf=true}): the latency of the benchmark's seven queries (corral-bench's
 * {@code BenchQuery.standard}) through the OpenSearch store's read side and through the local Lucene store,
 * over the same events, p50 and p99 of {@value #RUNS} runs each after {@value #WARMUP} warm-up runs.
 * {@code -Dcorral.perf.events=N} sets the number of events (default {@value #DEFAULT_EVENTS}), spread over
 * the two hours before now. Run:
 * {@code ./mvnw -pl corral-opensearch -am test -Dtest=OpenSearchQueryLatencyTest -Dcorral.perf=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class OpenSearchQueryLatencyTest {
  static final int DEFAULT_EVENTS = 300_000;
  static final int WARMUP = 3;
  static final int RUNS = 30;
  static final List<String> SERVICES = List.of("checkout", "payments", "search", "auth", "cart", "catalog", "users",
      "shipping");
  static final List<String> MESSAGES = List.of("request served", "card declined by issuer", "upstream time out",
      "cache miss for key", "user logged in", "payment captured", "query timeout after retry", "order shipped");

  @RegisterExtension static final OpenSearchTestNode node = new OpenSearchTestNode();
  @TempDir Path data;

  @Test
  void sevenBenchmarkQueriesOnOpenSearchAndTheLocalStore() throws Exception {
    int count = Integer.getInteger("corral.perf.events", DEFAULT_EVENTS);
    Instant now = Instant.now();
    Random random = new Random(42);
    List<String> traceIds = new ArrayList<>();
    try (OpenSearchStore openSearch = OpenSearchStore.open(OpenSearchStoreConfig.of(ClientSettings.of(
        List.of(node.url())), data.resolve("os"), "perf").withPrefix("perf"));
        LogStore local = LogStore.open(StoreConfig.defaults(data.resolve("local")))) {
      long position = 0;
      for (int written = 0; written < count; ) {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5000 && written < count; i++, written++) {
          batch.add(event(random, now, traceIds));
        }
        EventBatch encoded = EventBatch.encode(batch);
        long next = position + encoded.source().length + 16;
        for (EventStore store : List.<EventStore>of(openSearch, local)) {
          store.submit(position, next, EventBatch.decode(encoded.source()));
        }
        position = next;
        if (written % 100_000 == 0) {
          openSearch.awaitIndexed(); // the writer queues at most 200,000 events without a WAL to re-read
        }
      }
      openSearch.awaitIndexed();
      local.awaitIndexed();
      List<String[]> queries = List.of(
          new String[] {"trace_id lookup", null, null},
          new String[] {"level:ERROR, last 15m", "level:ERROR", "now-15m"},
          new String[] {"stats count() by service, level", "* | stats count() by service, level", null},
          new String[] {"stats p95(duration) by service, 1h", "* | stats p95(performance.duration_ms) by service",
              "now-1h"},
          new String[] {"phrase \"card declined\"", "\"card declined\"", null},
          new String[] {"regex message:/time.?out/", "message:/time.?out/", null},
          new String[] {"timechart span=1m count(), 1h", "* | timechart span=1m count()", "now-1h"});
      System.out.printf("%d events; p50/p99 ms of %d runs%n%-40s %21s %21s%n", count, RUNS, "query", "OpenSearch",
          "local Lucene store");
      for (String[] query : queries) {
        String line = String.format("%-40s", query[0]);
        for (EventSearch search : List.of(openSearch.search(), local.search())) {
          long[] millis = new long[RUNS];
          for (int run = -WARMUP; run < RUNS; run++) {
            String text = query[1] != null ? query[1]
                : "trace_id:\"" + traceIds.get(Math.floorMod(run * 7919, traceIds.size())) + "\"";
            long from = query[2] == null ? Long.MIN_VALUE : RangeBounds.timeNanos(query[2], now, 0);
            QueryRequest request = new QueryRequest(QueryPlanParser.parse(text), from, Long.MAX_VALUE, 100, now,
                Duration.ofMinutes(1), QueryLimits.DEFAULTS);
            long start = System.nanoTime();
            QueryResult result = search.query(request);
            if (run >= 0) {
              millis[run] = (System.nanoTime() - start) / 1_000_000;
            }
            assertThat(result.isTable() || result.total() > 0).as(text).isTrue();
          }
          Arrays.sort(millis);
          line += String.format(" %10d %10d", millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.99) - 1]);
        }
        System.out.println(line);
      }
    }
  }

  private static LogEvent event(Random random, Instant now, List<String> traceIds) {
    long timestamp = Timestamps.toNanos(now) - random.nextLong(Duration.ofHours(2).toNanos());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("service", SERVICES.get(random.nextInt(SERVICES.size())));
    fields.put("host", "host-" + random.nextInt(20));
    String traceId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    fields.put("trace_id", traceId);
    if (traceIds.size() < 1000 && random.nextInt(100) == 0) {
      traceIds.add(traceId);
    }
    fields.put("performance.duration_ms", Math.round(Math.abs(random.nextGaussian()) * 2000) / 10.0);
    Level level = random.nextInt(20) == 0 ? Level.ERROR : random.nextInt(10) == 0 ? Level.WARN : Level.INFO;
    return new LogEvent(timestamp, level, MESSAGES.get(random.nextInt(MESSAGES.size())) + " " + random.nextInt(1000),
        Fields.of(fields));
  }
}
