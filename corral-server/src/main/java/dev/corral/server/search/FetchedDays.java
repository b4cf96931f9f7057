package dev.corral.server.search;

import dev.corral.store.FetchedPartition;
import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The archived days one query reaches, open read-only and held in the fetch cache until {@link
 * #close()}; what the query's response reports as {@code archive}.
 *
 * @param partitions the days opened, to search beside the store's own partitions
 * @param fetched days downloaded from the bucket for this query
 * @param fromCache days that were in the cache already
 * @param fetchMillis time spent fetching and opening them
 * @param failed days that could not be fetched, by day, with the reason (naming the object)
 * @param release closes the partitions and releases the days in the cache
 */
public record FetchedDays(List<FetchedPartition> partitions, int fetched, int fromCache, long fetchMillis,
    SortedMap<String, String> failed, Closeable release) implements Closeable {
  /** No archived day reached. */
  public static final FetchedDays NONE = new FetchedDays(List.of(), 0, 0, 0, new TreeMap<>(), () -> {});

  public FetchedDays {
    partitions = List.copyOf(partitions);
    failed = new TreeMap<>(failed);
    Objects.requireNonNull(release, "release");
  }

  /** Whether the query reached any archived day (fetched, cached or failed). */
  public boolean reached() {
    return !partitions.isEmpty() || !failed.isEmpty();
  }

  /** {@code {"partitions_fetched","from_cache","fetch_ms","failed":{day: reason}}}. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("partitions_fetched", fetched);
    json.put("from_cache", fromCache);
    json.put("fetch_ms", fetchMillis);
    json.put("failed", failed);
    return json;
  }

  @Override
  public void close() throws IOException {
    release.close();
  }
}
