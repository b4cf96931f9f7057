package dev.corral.server.alerts.rules;

import dev.corral.server.Await;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.EvaluationSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every evaluation it is handed, in arrival order, for the test to inspect. */
final class RecordingSink implements EvaluationSink {
  private final List<Evaluation> evaluations = new CopyOnWriteArrayList<>();

  @Override
  public void accept(AlertRule rule, Evaluation evaluation) {
    evaluations.add(evaluation);
  }

  List<Evaluation> of(String rule) {
    return evaluations.stream().filter(evaluation -> evaluation.rule().equals(rule)).toList();
  }

  /** Waits for the evaluation of {@code rule} made at {@code at} (the test clock's time) and returns it. */
  Evaluation awaitAt(String rule, Instant at) throws InterruptedException {
    Await.until("an evaluation of " + rule + " at " + at + " (have " + of(rule) + ")",
        () -> of(rule).stream().anyMatch(evaluation -> evaluation.at().equals(at)));
    return of(rule).stream().filter(evaluation -> evaluation.at().equals(at)).findFirst().orElseThrow();
  }

  /** Waits for the first evaluation of {@code rule} satisfying {@code test}. */
  Evaluation await(String rule, java.util.function.Predicate<Evaluation> test) throws InterruptedException {
    Await.until("an evaluation of " + rule + " as expected (have " + of(rule) + ")",
        () -> of(rule).stream().anyMatch(test));
    return of(rule).stream().filter(test).findFirst().orElseThrow();
  }
}
