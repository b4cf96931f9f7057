package dev.corral.server.recording;

import dev.corral.server.search.SearchableWatermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs the loaded rules on their schedules in a small bounded pool ({@code recording.threads} named
 * platform threads, {@code corral-recording-N}) whose queries go through the server's query lanes,
 * so recording never takes more than those threads and lane slots from ingest and interactive
 * queries. {@link #tick()} (once a second) submits each rule that is due and not still running,
 * and interrupts an evaluation past its time budget ({@code recording.timeout}), which then
 * records the failure. A rule that stays the same across a reload keeps its series and its
 * counter's position. Thread-safe.
 */
final class RecordingScheduler implements AutoCloseable {
  private final Settings settings;
  private final WindowQuery queries;
  private final Clock clock;
  private final UnaryOperator<Instant> windowEnd;
  private final ThreadPoolExecutor pool;
  private Map<String, Scheduled> rules = Map.of();

  /**
   * @param threads evaluations at once
   * @param budget how long one evaluation may run before it is interrupted
   * @param maxSeries most series one rule exports
   */
  record Settings(int threads, Duration budget, int maxSeries) {}

  /** A rule's state, when it is next due and its evaluation in flight. */
  private static final class Scheduled {
    final RuleState state;
    Instant due;
    Instant started;
    Future<?> running;
    /** Whether the evaluation in flight has left the queue (then it records its own outcome). */
    final java.util.concurrent.atomic.AtomicBoolean began = new java.util.concurrent.atomic.AtomicBoolean();

    Scheduled(RuleState state, Instant due) {
      this.state = state;
      this.due = due;
    }
  }

  /**
   * @param windowEnd where a window evaluated as of an instant ends (the searchable watermark's {@link
   *     SearchableWatermark#windowEnd})
   */
  RecordingScheduler(Settings settings, WindowQuery queries, Clock clock, UnaryOperator<Instant> windowEnd) {
    this.settings = settings;
    this.queries = queries;
    this.clock = clock;
    this.windowEnd = windowEnd;
    // one queued evaluation per rule at most: the queue never refuses
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(RuleDirectory.MAX_RULES),
        Thread.ofPlatform().name("corral-recording-", 1).daemon().factory());
  }

  /** Uses {@code loaded} from now on: new and changed rules are due at once; unchanged ones keep their state. */
  synchronized void replace(LoadedRules loaded) {
    Map<String, Scheduled> next = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (RecordingRule rule : loaded.rules()) {
      Scheduled kept = rules.get(rule.name());
      next.put(rule.name(), kept != null && kept.state.rule().equals(rule) ? kept
          : new Scheduled(new RuleState(rule, settings.maxSeries()), now));
    }
    for (Map.Entry<String, Scheduled> old : rules.entrySet()) {
      if (next.get(old.getKey()) != old.getValue() && old.getValue().running != null) {
        old.getValue().running.cancel(true);
      }
    }
    rules = next;
  }

  /** Submits every due rule not in flight; interrupts every evaluation past its budget. */
  synchronized void tick() {
    Instant now = clock.instant();
    for (Scheduled scheduled : rules.values()) {
      if (scheduled.running != null && !scheduled.running.isDone()) {
        if (!now.isBefore(scheduled.started.plus(settings.budget()))) {
          scheduled.running.cancel(true);
          if (scheduled.began.compareAndSet(false, true)) { // still queued: it will not run now
            scheduled.state.failed(now, 0, "waited " + settings.budget().toMillis() + " ms (recording.timeout) for a "
                + "free recording thread (recording.threads = " + settings.threads() + ") and was not run");
          }
        }
        continue;
      }
      if (now.isBefore(scheduled.due)) {
        continue;
      }
      Duration every = scheduled.state.rule().every();
      while (!scheduled.due.isAfter(now)) {
        scheduled.due = scheduled.due.plus(every); // a missed turn is not made up: the next window covers it
      }
      scheduled.started = now;
      scheduled.began.set(false);
      scheduled.running = pool.submit(() -> {
        if (scheduled.began.compareAndSet(false, true)) {
          RuleEvaluation.run(scheduled.state, queries, clock, windowEnd.apply(clock.instant()), settings.budget());
        }
      });
    }
  }

  /** Every loaded rule's status, in file-name order. */
  synchronized List<RuleStatus> statuses() {
    List<RuleStatus> statuses = new ArrayList<>(rules.size());
    for (Scheduled scheduled : rules.values()) {
      statuses.add(scheduled.state.status());
    }
    return statuses;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
