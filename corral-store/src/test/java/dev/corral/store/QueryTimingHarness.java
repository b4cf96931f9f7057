package dev.corral.store;

import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.eval.EvaluationContext;
import dev.corral.query.eval.PlanEvaluator;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Not a test: times a fixed query mix over a fixed store (run with -Dtest=QueryTimingHarness). */
class QueryTimingHarness {
  static final List<String> QUERIES = List.of(
      "error timeout",
      "service:pay AND status:500",
      "status:>=400 AND NOT level:DEBUG",
      "pay* OR host:/h[0-9]+/",
      "* | stats count(), avg(duration), p95(duration) by service, host",
      "* | timechart span=1h count() by service",
      "* | top 5 user",
      "message:timeout | sort -duration | head 50",
      "* | where duration > 1000 | stats count() by level",
      "* | fields service, duration | head 200");

  @TempDir Path dir;

  @Test
  void time() throws Exception {
    Random random = new Random(42);
    List<LogEvent> events = new ArrayList<>();
    long first = Timestamps.toNanos(Instant.parse("2026-11-19T00:00:00Z"));
    String[] words = {"error", "timeout", "connect", "user", "login", "failed", "ok", "retry", "db", "payment"};
    String[] services = {"pay", "auth", "web", "db", "search", "pay-gw"};
    for (int i = 0; i < 300_000; i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("service", services[random.nextInt(services.length)]);
      f.put("host", "h" + random.nextInt(20));
      f.put("status", random.nextBoolean() ? (Object) (200L + 100L * random.nextInt(4)) : "OK");
      f.put("duration", random.nextInt(5000) / 2.0);
      f.put("user", "u" + random.nextInt(2000));
      String msg = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
      events.add(new LogEvent(first + random.nextLong(3 * 86_400_000_000_000L),
          Level.values()[random.nextInt(Level.values().length)], msg, Fields.of(f)));
    }
    try (LogStore store = LogStore.open(StoreTesting.config(dir.resolve("s")))) {
      TestWal wal = new TestWal();
      for (int b = 0; b < events.size(); b += 10_000) {
        wal.appendAndSubmit(store, events.subList(b, Math.min(events.size(), b + 10_000)));
      }
      store.awaitIndexed();
      store.commit();
      for (int round = 0; round < 3; round++) {
        long totalStore = 0;
        StringBuilder line = new StringBuilder();
        for (String text : QUERIES) {
          QueryPlan plan = QueryPlanParser.parse(text);
          long start = System.nanoTime();
          for (int i = 0; i < 10; i++) {
            store.query(new QueryRequest(plan, Long.MIN_VALUE, Long.MAX_VALUE, 100, StoreTesting.NOW,
                Duration.ofMinutes(5), QueryLimits.DEFAULTS));
          }
          long ms = (System.nanoTime() - start) / 1_000_000;
          totalStore += ms;
          line.append(ms).append(' ');
        }
        List<LogEvent> part = events.subList(0, 100_000);
        long start = System.nanoTime();
        for (String text : QUERIES) {
          PlanEvaluator.evaluate(QueryPlanParser.parse(text), part, EvaluationContext.of(StoreTesting.NOW));
        }
        long evalMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("HARNESS round=" + round + " store_ms_total=" + totalStore + " per_query=[" + line.toString().trim()
            + "] eval_ms=" + evalMs);
      }
    }
  }
}
