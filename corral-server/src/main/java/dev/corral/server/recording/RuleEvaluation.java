package dev.corral.server.recording;

import dev.corral.query.table.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One evaluation of one rule: its window ends at "now minus the searchable lag" (events acknowledged
 * before that are searchable, so a window is read once it is complete), the query runs over it and
 * the rows go to the rule's state. A failure is recorded in the state, never thrown: a counter then
 * reads the failed window again with the next one, so nothing is skipped.
 */
final class RuleEvaluation {
  private RuleEvaluation() {}

  /**
   * Evaluates {@code state}'s rule now.
   *
   * @param lag how long after its acknowledgement an event is searchable ({@code recording.searchable_lag})
   * @param budget the time budget, named in the error when the scheduler interrupted the evaluation
   */
  static void run(RuleState state, WindowQuery queries, Clock clock, Duration lag, Duration budget) {
    Instant end = clock.instant().minus(lag).truncatedTo(ChronoUnit.MILLIS);
    RuleStatus.Window window = state.windowEndingAt(end);
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
