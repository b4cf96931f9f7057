package dev.corral.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A set kept in least-recently-used order: {@link #touch} adds an item or makes it the most recent.
 * Thread-safe (one monitor); callers never hold it while taking another lock.
 */
final class UsageOrder<T> {
  private final LinkedHashSet<T> items = new LinkedHashSet<>();

  /** Adds {@code item} or moves it to the most recent end. */
  synchronized void touch(T item) {
    items.remove(item);
    items.add(item);
  }

  /** Removes {@code item}; no effect when absent. */
  synchronized void remove(T item) {
    items.remove(item);
  }

  synchronized int size() {
    return items.size();
  }

  synchronized boolean contains(T item) {
    return items.contains(item);
  }

  /** A snapshot, least recently used first. */
  synchronized List<T> oldestFirst() {
    return new ArrayList<>(items);
  }
}
