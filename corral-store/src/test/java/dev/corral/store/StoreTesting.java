package dev.corral.store;

import dev.corral.model.CanonicalJson;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Query;
import dev.corral.query.plan.QueryPlan;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared helpers of the store tests. */
final class StoreTesting {
  static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");

  /** A warm-after delay no test outlives: partitions become warm only when a test compacts them. */
  static final Duration NEVER_WARM = Duration.ofDays(365_000);

  private StoreTesting() {}

  /** Explicit commits and compactions only; quick refresh; two indexers. */
  static StoreConfig config(Path dir, List<Long> checkpoints) {
    return new StoreConfig(dir, 2, 16, Duration.ofMillis(50), Duration.ofHours(1), NEVER_WARM, 1024, checkpoints::add,
        StoreLimits.DEFAULTS, StoreConfig.DEFAULT_COMPACTION_MAX_BYTES_PER_SEC);
  }

  static StoreConfig config(Path dir) {
    return config(dir, new CopyOnWriteArrayList<>());
  }

  static LogEvent event(Instant time, Level level, String message, Map<String, ?> fields) {
    return new LogEvent(Timestamps.toNanos(time), level, message, Fields.of(fields));
  }

  static LogEvent event(String isoTime, String message, Map<String, ?> fields) {
    return event(Instant.parse(isoTime), Level.INFO, message, fields);
  }

  /** A query without a timeout worth the name: tests bound themselves. */
  private static final Duration UNBOUNDED = Duration.ofDays(365);

  /** The filter alone, over the whole time range. */
  static QueryResult search(LogStore store, Query query, int limit) throws IOException {
    return search(store, query, Long.MIN_VALUE, Long.MAX_VALUE, limit);
  }

  /** The filter alone, over {@code fromNanos..toNanos} (both inclusive). */
  static QueryResult search(LogStore store, Query query, long fromNanos, long toNanos, int limit) throws IOException {
    return store.searcher().query(new QueryRequest(QueryPlan.of(query), fromNanos, toNanos, limit, NOW, UNBOUNDED,
        QueryLimits.DEFAULTS));
  }

  static long count(LogStore store, Query query) throws IOException {
    return search(store, query, 0).total();
  }

  static QueryResult all(LogStore store) throws IOException {
    return search(store, new MatchAll(), QueryRequest.MAX_LIMIT);
  }

  static LogEvent parse(StoredEvent stored) {
    return CanonicalJson.read(stored.source(), 0, stored.source().length);
  }

  /** The {@code id} field of each returned event, in result order. */
  static List<String> ids(QueryResult result) {
    List<String> ids = new ArrayList<>();
    for (StoredEvent e : result.events()) {
      ids.add(parse(e).fields().getString("id"));
    }
    return ids;
  }
}
