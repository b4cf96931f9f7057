package dev.corral.server.search;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field names each restricted read filter may know of, kept until the store changes: an entry
 * is reused while the store hands out the same field-name set it was computed against (the store
 * builds a new set only after a refresh or commit changed some partition), so a dashboard's panels
 * or a user typing share one sample, and a hint is never older than the store's own names.
 * Thread-safe; two threads missing at once both compute, and either result is right.
 */
final class AllowedFieldNames {
  /** Read filters kept: a server has a handful of keys; past this many the cache starts over. */
  static final int MAX_FILTERS = 1024;

  /** How to read the names of a sample of the allowed events. */
  @FunctionalInterface
  interface Sampler {
    Set<String> sample() throws IOException;
  }

  private record Entry(Set<String> storeNames, Set<String> allowed) {}

  private final Map<String, Entry> byFilter = new ConcurrentHashMap<>();

  /**
   * @param filter the read filter's text
   * @param storeNames the store's field names now ({@link dev.corral.store.StoreSearcher#fieldNames()})
   * @param sampler computes the allowed names when the entry is missing or older than {@code storeNames}
   */
  Set<String> get(String filter, Set<String> storeNames, Sampler sampler) throws IOException {
    Entry entry = byFilter.get(filter);
    if (entry != null && entry.storeNames().equals(storeNames)) {
      return entry.allowed();
    }
    Set<String> allowed = Set.copyOf(sampler.sample());
    if (byFilter.size() >= MAX_FILTERS) {
      byFilter.clear();
    }
    byFilter.put(filter, new Entry(storeNames, allowed));
    return allowed;
  }
}
