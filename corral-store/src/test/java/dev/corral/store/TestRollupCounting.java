package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.QueryParser;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.store.exec.PlanExecutor;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts answered from segment rollups ({@code exec.RollupCounting}) equal the per-document
 * answers: random events over two days in time-ordered batches (so segments cover time ranges a
 * window may hold whole or cut), service values of every kind (keywords, numbers, a boolean, one
 * over the keyword limit, none), eligible queries (count() by service and level, filters on them,
 * timecharts in whole minutes) over all time and random windows, run with rollups and without;
 * then once more after a warm compaction of one day and a deletion by query in the other (a hot
 * segment with deleted documents must not be counted from its rollup). Prints its seed.
 */
class TestRollupCounting {
  private static final Instant START = Instant.parse("2026-11-19T21:00:00Z");
  /** Events span six hours across midnight: two day partitions. */
  private static final long SPAN_SECONDS = 6 * 3600;
  private static final Instant NOW = START.plusSeconds(SPAN_SECONDS + 60);

  private static final List<String> QUERIES = List.of(
      "* | stats count() by service, level",
      "* | stats count() by level, service",
      "* | stats count()",
      "level:ERROR | stats count() by service",
      "service:pay | stats count(), count() as n by level",
      "NOT service:pay | stats count() by service",
      "(level:ERROR OR level:WARN) AND NOT service:auth | stats count() by service, level",
      "service:pa* | stats count() by service",
      "service:/a.*/ AND level:>=WARN | stats count() by level",
      "service:42 | stats count() by service",
      "* | timechart span=1m count()",
      "level:ERROR | timechart span=5m count() by service",
      "service:web | timechart span=1h count() by level",
      "* | timechart span=30s count()",
      "* | stats count() by host");

  @TempDir Path dir;

  @AfterEach
  void rollupsBackOn() {
    PlanExecutor.useRollups(true);
  }

  @Test
  void countsFromRollupsEqualCountsFromEveryDocument() throws Exception {
    long seed = Long.getLong("tests.seed", new Random().nextLong());
    System.out.println("TestRollupCounting seed=" + seed + " (rerun: ./mvnw -pl corral-store test"
        + " -Dtest=TestRollupCounting -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      List<LogEvent> events = events(random, 3000);
      int batches = 8;
      for (int b = 0; b < batches; b++) {
        wal.appendAndSubmit(store, events.subList(b * events.size() / batches, (b + 1) * events.size() / batches));
        store.awaitIndexed(); // a segment per batch
      }
      long rollupsBefore = PlanExecutor.rollupBytes();
      compareBothPaths(store, random, seed + " hot");
      assertThat(PlanExecutor.rollupBytes() - rollupsBefore).as("eligible queries built rollups (a segment without"
          + " one takes 64 bytes)").isGreaterThan(16_384);

      LocalDate first = LocalDate.ofInstant(START, ZoneOffset.UTC);
      store.lifecycle().compact(first);
      // few enough deletions that the hot segments keep them (no merge): their rollups must not be used
      long deleted = store.lifecycle().deleteMatching(first.plusDays(1), QueryParser.parse("service:auth AND level:DEBUG"),
          NOW).orElseThrow().deletedEvents();
      assertThat(deleted).isPositive();
      compareBothPaths(store, random, seed + " warm+deleted");
    }
  }

  private static void compareBothPaths(LogStore store, Random random, String where) throws Exception {
    long start = Timestamps.toNanos(START);
    for (String text : QUERIES) {
      for (int w = 0; w < 3; w++) {
        long from = w == 0 ? Long.MIN_VALUE : start + random.nextLong(SPAN_SECONDS * 1_000_000_000L);
        long to = w == 0 ? Long.MAX_VALUE : from + random.nextLong(SPAN_SECONDS * 1_000_000_000L);
        QueryRequest request = new QueryRequest(QueryPlanParser.parse(text), from, to, 100, NOW, Duration.ofMinutes(1),
            QueryLimits.DEFAULTS);
        PlanExecutor.useRollups(true);
        QueryResult rolledUp = store.searcher().query(request);
        PlanExecutor.useRollups(false);
        QueryResult perDocument = store.searcher().query(request);
        PlanExecutor.useRollups(true);
        String label = where + ": " + text + " from=" + from + " to=" + to;
        assertThat(rolledUp.total()).as(label).isEqualTo(perDocument.total());
        assertThat(rolledUp.table()).as(label).isEqualTo(perDocument.table());
      }
    }
  }

  /** Time-ordered events; service as a keyword, a number, a boolean, a numeric string, an over-long string or none. */
  private static List<LogEvent> events(Random random, int count) {
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seconds.add(random.nextLong(SPAN_SECONDS));
    }
    seconds.sort(Long::compare);
    List<LogEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      Object service = switch (random.nextInt(12)) {
        case 0 -> null;
        case 1 -> 42L;
        case 2 -> 42.5;
        case 3 -> "42";
        case 4 -> true;
        case 5 -> "x".repeat(2000);
        default -> List.of("pay", "auth", "web", "pay-gw").get(random.nextInt(4));
      };
      if (service != null) {
        fields.put("service", service);
      }
      fields.put("host", "h" + random.nextInt(3));
      Level level = Level.values()[random.nextInt(Level.values().length)];
      Instant time = START.plusSeconds(seconds.get(i)).plusNanos(random.nextInt(1_000_000_000));
      events.add(new LogEvent(Timestamps.toNanos(time), level, "event " + i, Fields.of(fields)));
    }
    return events;
  }
}
