package dev.corral.store;

import static dev.corral.store.StoreTesting.config;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Six events over three days (three partitions) for the query tests. {@code status} is a number in
 * some events, a string in others and missing in one; {@code service} and {@code user} are missing
 * in one event each.
 *
 * <pre>
 * id  time (UTC)            level  service status  duration user trace
 * e1  2026-11-21T16:00:00Z  ERROR  pay     500     100.0    u1   trace_id=t1
 * e2  2026-11-21T16:00:30Z  INFO   pay     "500"   300      u2
 * e3  2026-11-21T16:05:00Z  INFO   auth    200     50       u1   trace_id=t1
 * e4  2026-11-20T10:00:00Z  WARN   auth    "OK"    20       u3
 * e5  2026-11-20T10:00:10Z  INFO   web     -       1000     u1
 * e6  2026-11-19T08:00:00Z  INFO   -       404     5.5      -    request_id=t1
 * </pre>
 */
final class QueryCorpus {
  private QueryCorpus() {}

  static LogStore open(Path dir) throws IOException, InterruptedException {
    LogStore store = LogStore.open(config(dir));
    List<LogEvent> events = new ArrayList<>();
    events.add(event("2026-11-21T16:00:00Z", Level.ERROR, "id", "e1", "service", "pay", "status", 500L,
        "duration", 100.0, "user", "u1", "trace_id", "t1"));
    events.add(event("2026-11-21T16:00:30Z", Level.INFO, "id", "e2", "service", "pay", "status", "500",
        "duration", 300L, "user", "u2"));
    events.add(event("2026-11-21T16:05:00Z", Level.INFO, "id", "e3", "service", "auth", "status", 200L,
        "duration", 50L, "user", "u1", "trace_id", "t1"));
    events.add(event("2026-11-20T10:00:00Z", Level.WARN, "id", "e4", "service", "auth", "status", "OK",
        "duration", 20L, "user", "u3"));
    events.add(event("2026-11-20T10:00:10Z", Level.INFO, "id", "e5", "service", "web", "duration", 1000L,
        "user", "u1"));
    events.add(event("2026-11-19T08:00:00Z", Level.INFO, "id", "e6", "status", 404L, "duration", 5.5,
        "request_id", "t1"));
    new TestWal().appendAndSubmit(store, events);
    store.awaitIndexed();
    return store;
  }

  private static LogEvent event(String time, Level level, Object... kv) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.put((String) kv[i], kv[i + 1]);
    }
    return StoreTesting.event(Instant.parse(time), level, "event " + fields.get("id"), fields);
  }

  static QueryRequest request(List<Pipe> pipes) {
    return request(pipes, QueryLimits.DEFAULTS);
  }

  static QueryRequest request(List<Pipe> pipes, QueryLimits limits) {
    return new QueryRequest(new QueryPlan(new MatchAll(), pipes), Long.MIN_VALUE, Long.MAX_VALUE, 100,
        StoreTesting.NOW, Duration.ofMinutes(1), limits);
  }

  static long nanos(String time) {
    return dev.corral.model.Timestamps.toNanos(Instant.parse(time));
  }
}
