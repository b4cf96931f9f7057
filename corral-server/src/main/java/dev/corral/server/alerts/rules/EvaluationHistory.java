package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Each rule's last evaluation and its last {@value #SPARKLINE} values (for the Alerts page's
 * sparkline), plus the totals of the stats entry. In memory: the durable history is the state
 * part's {@code logtype:alert} events. Thread-safe.
 */
final class EvaluationHistory {
  /** Values a sparkline shows: 30 points read at a glance. */
  static final int SPARKLINE = 30;

  private final Map<String, RuleHistory> rules = new ConcurrentHashMap<>();
  private final LongAdder evaluations = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder evalMillis = new LongAdder();

  /** One point of a sparkline. */
  record Point(java.time.Instant at, double value) {}

  /** A rule's last evaluation and its recent values, oldest first. */
  record RuleHistory(Evaluation last, List<Point> values) {}

  void record(Evaluation evaluation) {
    evaluations.increment();
    evalMillis.add(evaluation.took().toMillis());
    if (evaluation.failed()) {
      errors.increment();
    }
    rules.compute(evaluation.rule(), (name, previous) -> {
      ArrayDeque<Point> values = new ArrayDeque<>(previous == null ? List.of() : previous.values());
      if (!evaluation.failed()) {
        values.addLast(new Point(evaluation.at(), evaluation.value()));
        while (values.size() > SPARKLINE) {
          values.removeFirst();
        }
      }
      return new RuleHistory(evaluation, List.copyOf(values));
    });
  }

  Optional<RuleHistory> of(String rule) {
    return Optional.ofNullable(rules.get(rule));
  }

  /** Forgets the rules not in {@code kept} (deleted rules). */
  void retain(java.util.Set<String> kept) {
    rules.keySet().retainAll(kept);
  }

  long evaluations() {
    return evaluations.sum();
  }

  long errors() {
    return errors.sum();
  }

  long evalMillis() {
    return evalMillis.sum();
  }
}
