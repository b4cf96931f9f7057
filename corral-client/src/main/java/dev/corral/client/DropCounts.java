package dev.corral.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events dropped, counted by level. Any thread may {@link #count} (the logging threads when the queue is full,
 * the sender when Corral refuses a batch or the shutdown limit passes); counts only grow.
 */
public final class DropCounts {
  /** The levels counted one by one; anything else is counted under its last slot, {@code OTHER}. */
  static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OTHER"};
  private final AtomicLongArray counts = new AtomicLongArray(LEVELS.length);

  /** Counts one dropped event of {@code level}. */
  public void count(String level) {
    counts.incrementAndGet(slot(level));
  }

  /** Counts {@code events} dropped events of {@code level}. */
  public void count(String level, long events) {
    counts.addAndGet(slot(level), events);
  }

  /** All drops so far. */
  public long total() {
    long total = 0;
    for (int i = 0; i < LEVELS.length; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The drops so far by level, the levels with none left out, in severity order. */
  public Map<String, Long> byLevel() {
    Map<String, Long> byLevel = new LinkedHashMap<>();
    for (int i = 0; i < LEVELS.length; i++) {
      long count = counts.get(i);
      if (count > 0) {
        byLevel.put(LEVELS[i], count);
      }
    }
    return byLevel;
  }

  private static int slot(String level) {
    switch (level) {
      case "TRACE": return 0;
      case "DEBUG": return 1;
      case "INFO": return 2;
      case "WARN": return 3;
      case "ERROR": return 4;
      case "FATAL": return 5;
      default: return 6;
    }
  }
}
