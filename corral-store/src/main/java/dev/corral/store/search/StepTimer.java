package dev.corral.store.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Milliseconds per named step of one query, in the order the steps ran: {@link QueryResult#stepMillis()} of
 * every backend. Not thread-safe.
 */
public final class StepTimer {
  private final Map<String, Long> steps = new LinkedHashMap<>();
  private long last = System.nanoTime();

  /** Ends the current step, naming it. */
  public void end(String step) {
    long now = System.nanoTime();
    steps.merge(step, (now - last) / 1_000_000, Long::sum);
    last = now;
  }

  public Map<String, Long> steps() {
    return steps;
  }
}
