package dev.corral.store;

import dev.corral.model.CanonicalJson;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Query;
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

  static SearchResult search(LogStore store, Query query, int limit) throws IOException {
    return store.search(SearchRequest.of(query, limit, NOW));
  }

  static long count(LogStore store, Query query) throws IOException {
    return search(store, query, 0).total();
  }

  static SearchResult all(LogStore store) throws IOException {
    return search(store, new MatchAll(), SearchRequest.MAX_LIMIT);
  }

  static LogEvent parse(StoredEvent stored) {
    return CanonicalJson.read(stored.source(), 0, stored.source().length);
  }

  /** The {@code id} field of each returned event, in result order. */
  static List<String> ids(SearchResult result) {
    List<String> ids = new ArrayList<>();
    for (StoredEvent e : result.events()) {
      ids.add(parse(e).fields().getString("id"));
    }
    return ids;
  }
}
