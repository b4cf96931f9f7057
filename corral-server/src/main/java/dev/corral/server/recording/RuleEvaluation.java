package dev.corral.server.recording;

import dev.corral.query.table.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One evaluation of one rule: its window ends where the scheduler says ("now minus {@code
 * recording.searchable_lag}", never past the searchable watermark, so a window is read once every
 * event the store received for it is searchable), the query runs over it and the rows go to the
 * rule's state. A failure is recorded in the state, never thrown: a counter then
 * reads the failed window again with the next one, so nothing is skipped.
 */
final class RuleEvaluation {
  private RuleEvaluation() {}

  /**
   * Evaluates {@code state}'s rule now.
   *
   * @param end where the window ends (a counter's starts where its last one ended)
   * @param budget the time budget, named in the error when the scheduler interrupted the evaluation
   */
  static void run(RuleState state, WindowQuery queries, Clock clock, Instant end, Duration budget) {
    RuleStatus.Window window = state.windowEndingAt(end.truncatedTo(ChronoUnit.MILLIS));
    if (window == null) {
      return;
    }
    long started = System.nanoTime();
    try {
      Table table = queries.table(state.rule().plan(), window.from(), window.to());
      if (table == null) {
        throw new IllegalStateException("BUG: the stats query of " + state.rule().name() + " yielded no table");
      }
      state.succeeded(clock.instant(), window, ResultRows.read(state.rule(), table), millisSince(started));
    } catch (Exception e) {
      String error = Thread.currentThread().isInterrupted() || e instanceof InterruptedException
          ? "stopped after the time budget of " + budget.toMillis() + " ms (recording.timeout)"
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      state.failed(clock.instant(), millisSince(started), error);
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
