package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule would have reported over the last {@link #SPAN}: its evaluation at steps of {@code
 * every}, or coarser so that there are at most {@value #MAX_STEPS} steps, oldest first. Runs in the
 * alerts' query lane on the caller's thread, one step after another, and stops (saying {@code
 * complete: false}) once the steps together used {@code alerts.eval_timeout}.
 */
final class RulePreview {
  /** The stretch a preview covers: a day shows the rule against a full daily cycle. */
  static final Duration SPAN = Duration.ofHours(24);
  /** A step is one evaluation; 144 are one every 10 minutes over a day. */
  static final int MAX_STEPS = 144;

  private final RuleEvaluator evaluator;
  private final Duration budget;

  RulePreview(RuleEvaluator evaluator, Duration budget) {
    this.evaluator = evaluator;
    this.budget = budget;
  }

  /** The preview's steps and whether every step ran. */
  record Result(Duration step, List<Evaluation> steps, boolean complete) {
    Result {
      steps = List.copyOf(steps);
    }
  }

  Result preview(CompiledRule rule, Instant now) {
    Duration step = step(rule.rule().every());
    long count = SPAN.toMillis() / step.toMillis();
    long deadline = System.nanoTime() + budget.toNanos();
    List<Evaluation> steps = new ArrayList<>();
    for (long i = count - 1; i >= 0; i--) {
      if (System.nanoTime() > deadline) {
        return new Result(step, steps, false);
      }
      steps.add(evaluator.evaluate(rule, now.minus(step.multipliedBy(i))));
    }
    return new Result(step, steps, true);
  }

  /** {@code every}, or the smallest multiple of a minute that keeps the day within {@link #MAX_STEPS} steps. */
  static Duration step(Duration every) {
    Duration coarsest = SPAN.dividedBy(MAX_STEPS);
    return every.compareTo(coarsest) >= 0 ? every : coarsest;
  }
}
