package dev.corral.server.alerts.state;

import dev.corral.server.alerts.Evaluation;
import java.time.Instant;
import java.util.Objects;

/**
 * The compact record of one evaluation kept per rule (and written to the history).
 *
 * @param at when it ran
 * @param outcome {@code ok}, {@code capped} (more rows satisfied the condition than the instance cap
 *     kept: instances it did not see keep their state) or {@code failed} (no state changed)
 * @param value the rule's overall value, NaN for none
 * @param rows result rows of the query
 * @param instances rows that satisfied the condition
 * @param tookMillis how long it ran
 * @param error why it failed; empty unless failed
 */
public record LastEvaluation(Instant at, String outcome, double value, long rows, int instances, long tookMillis,
    String error) {
  public LastEvaluation {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    error = error == null ? "" : error;
  }

  /** The record of {@code evaluation}. */
  public static LastEvaluation of(Evaluation evaluation) {
    String outcome = evaluation.failed() ? "failed" : evaluation.capped() ? "capped" : "ok";
    long took = evaluation.took() == null ? 0 : evaluation.took().toMillis();
    return new LastEvaluation(evaluation.at(), outcome, evaluation.value(), evaluation.rows(),
        evaluation.observations().size(), took, evaluation.error().orElse(""));
  }
}
