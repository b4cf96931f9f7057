package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.EvaluationSink;
import dev.corral.server.alerts.RuleKind;
import dev.corral.server.search.SearchableWatermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every enabled rule (but match rules, which run on the stream) every {@code every} of the
 * clock: a scheduler thread ({@code corral-alerts-scheduler}) looks every {@link #TICK} for rules
 * due, whose window is searchable whole ({@link SearchableWatermark#covers}), and hands them, as of
 * their due instant, to the evaluation pool ({@code alerts.max_concurrent} platform threads named
 * {@code corral-alerts-eval-N}). A rule is never evaluated twice at once, so its evaluations reach
 * the sink one at a time and in order; one whose evaluation runs past its next due time is evaluated
 * again once it finished (no pile-up), so the pool's queue holds at most one task per rule. A new or
 * changed rule is evaluated at the next tick. Thread-safe.
 */
final class RuleScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleScheduler.class);
  /** How often due rules are looked for: far below any sensible {@code every}. */
  static final Duration TICK = Duration.ofMillis(200);
  /** Past the default evaluation budget (30 s) with room: a running evaluation ends within it. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(35);

  private final RuleLibrary library;
  private final RuleEvaluator evaluator;
  private final SearchableWatermark watermark;
  private final EvaluationSink sink;
  private final Clock clock;
  private final Consumer<Evaluation> recorded;
  private final int threads;
  private final BooleanSupplier ready;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private ScheduledExecutorService ticks;
  private ExecutorService pool;

  /** A rule's schedule: the rule as last seen, when it is next due and whether it is running. */
  private static final class Slot {
    final CompiledRule rule;
    volatile Instant due;
    volatile boolean running;

    Slot(CompiledRule rule, Instant due) {
      this.rule = rule;
      this.due = due;
    }
  }

  /**
   * @param ready no rule is evaluated until it says so
   * @param recorded told of every evaluation before the sink is (history, metrics)
   */
  RuleScheduler(RuleLibrary library, RuleEvaluator evaluator, SearchableWatermark watermark, EvaluationSink sink,
      Clock clock, int threads, BooleanSupplier ready, Consumer<Evaluation> recorded) {
    this.library = library;
    this.evaluator = evaluator;
    this.watermark = watermark;
    this.sink = sink;
    this.clock = clock;
    this.threads = threads;
    this.ready = ready;
    this.recorded = recorded;
  }

  void start() {
    AtomicInteger count = new AtomicInteger();
    pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread thread = new Thread(task, "corral-alerts-eval-" + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
    ticks = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("corral-alerts-scheduler").daemon().factory());
    ticks.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("reason", e.toString()).setCause(e).log("BUG: the alert scheduler's tick failed");
    }
  }

  private void tick() {
    if (!ready.getAsBoolean()) {
      return;
    }
    Instant now = clock.instant();
    Set<String> seen = new HashSet<>();
    for (CompiledRule rule : library.loaded().rules().values()) {
      if (!rule.rule().enabled() || rule.rule().kind() == RuleKind.MATCH) {
        continue;
      }
      String name = rule.rule().name();
      seen.add(name);
      Slot slot = slots.compute(name, (key, old) -> old != null && (old.running || old.rule.rule().equals(rule.rule()))
          ? old : new Slot(rule, now)); // a changed rule waits for its running evaluation: one at a time per rule
      Instant due = slot.due;
      if (!slot.running && !now.isBefore(due) && watermark.covers(due)) {
        slot.running = true;
        Instant next = due.plus(rule.rule().every());
        slot.due = next.isAfter(now) ? next : now.plus(rule.rule().every()); // skip periods missed while behind
        pool.execute(() -> run(slot, due));
      }
    }
    slots.keySet().retainAll(seen);
  }

  private void run(Slot slot, Instant at) {
    try {
      Evaluation evaluation = evaluator.evaluate(slot.rule, at);
      recorded.accept(evaluation);
      sink.accept(slot.rule.rule(), evaluation);
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("rule", slot.rule.rule().name()).addKeyValue("reason", e.toString()).setCause(e)
          .log("the evaluation sink failed on a rule's evaluation");
    } finally {
      slot.running = false;
    }
  }

  /**
   * Stops dispatching, then lets running evaluations finish (their budget bounds them) rather than
   * interrupting them: an interrupt would reach the sink, which may be writing its state file.
   */
  @Override
  public void close() {
    if (ticks != null) {
      ticks.shutdownNow();
    }
    if (pool != null) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.atWarn().addKeyValue("waited_ms", CLOSE_WAIT.toMillis()).log("alert evaluations still running at close");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
