package dev.corral.pipeline.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded cache that forgets the least recently used entry when full: for results that are
 * costly to compute from values that repeat (User-Agent strings, IP addresses). Thread-safe, under
 * one lock held only for the map operations, not while computing a value.
 */
final class LruCache<K, V> {
  private final Map<K, V> entries;

  LruCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("BUG: cache capacity " + capacity + " must be at least 1");
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached value of {@code key}, else {@code compute}'s (not null), cached. Two threads may both compute it. */
  V get(K key, Function<K, V> compute) {
    synchronized (entries) {
      V cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    V value = compute.apply(key);
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }

  /** How many entries the cache holds. */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
