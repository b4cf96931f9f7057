package dev.corral.pipeline.parse;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opensearch.grok.MatcherWatchdog;

/**
 * Time budgets for regular-expression matches run by the Joni engine: a watchdog interrupts a match
 * that runs longer than its budget, so a catastrophic pattern ({@code (a+)+$} on a long run of
 * {@code a}) fails one event instead of stalling an ingest thread. All watchdogs share one daemon
 * thread that checks the running matches only while there are some. Thread-safe.
 */
final class MatchBudget {
  /**
   * The budget when a definition gives none. A real log line matches in microseconds, but the
   * watchdog measures wall time: 50 ms gave false timeouts on ordinary Apache lines on a host at
   * load 9 on 2 cores (scheduling delays, GC pauses). 250 ms stays clear of those and still lets a
   * runaway pattern cost one thread at most a quarter second per event (Elasticsearch: 1 s).
   */
  static final long DEFAULT_MILLIS = 250;

  /** The largest budget a definition may set: a pipeline step taking longer would stall ingest visibly. */
  static final long MAX_MILLIS = 10_000;

  /** How many checks fit in one budget: the interrupt comes at most a quarter of a budget late. */
  private static final int CHECKS_PER_BUDGET = 4;

  private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "corral-regex-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private MatchBudget() {}

  /** A watchdog interrupting matches that run longer than {@code millis}. */
  static MatcherWatchdog watchdog(long millis) {
    if (millis < 1 || millis > MAX_MILLIS) {
      throw new IllegalArgumentException("BUG: budget " + millis + " ms outside 1.." + MAX_MILLIS);
    }
    long interval = Math.max(1, millis / CHECKS_PER_BUDGET);
    return MatcherWatchdog.newInstance(interval, millis, () -> System.nanoTime() / 1_000_000,
        (delay, check) -> CHECKER.schedule(check, delay, TimeUnit.MILLISECONDS));
  }
}
