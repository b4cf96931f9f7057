package dev.corral.server.alerts.rules;

import java.time.Duration;

/**
 * The time budget of one evaluation ({@code alerts.eval_timeout}): each query it runs gets what is
 * left, so a rule of several queries (baseline, trace) cannot run past it either.
 */
final class Budget {
  private final Duration total;
  private final long deadlineNanos;

  Budget(Duration total) {
    this.total = total;
    this.deadlineNanos = System.nanoTime() + total.toNanos();
  }

  /**
   * What is left for the next query.
   *
   * @throws EvaluationTimeoutException when nothing is
   */
  Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new EvaluationTimeoutException(total);
    }
    return Duration.ofNanos(left);
  }

  /** An evaluation that used up its budget before its last query. */
  static final class EvaluationTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvaluationTimeoutException(Duration total) {
      super("the evaluation ran out of its time budget of " + dev.corral.server.config.DurationText.format(total)
          + " (alerts.eval_timeout)");
    }
  }
}
