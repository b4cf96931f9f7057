package dev.corral.server.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one rule once.
 *
 * @param rule the rule's name
 * @param at when the evaluation ran
 * @param from the window's start (inclusive)
 * @param to the window's end (exclusive): "now minus the searchable lag"
 * @param observations the rows that satisfied the condition, one per instance; every instance of the
 *     rule not among them is, for this evaluation, not satisfied
 * @param rows how many result rows the query produced (satisfying or not)
 * @param value the rule's overall value for its sparkline (e.g. the largest row value), NaN for none
 * @param capped whether more rows satisfied the condition than the instance cap kept
 * @param error why the evaluation failed (timeout, busy, syntax); a failed evaluation changes no state
 * @param took how long it ran
 */
public record Evaluation(String rule, Instant at, Instant from, Instant to, List<Observation> observations,
    long rows, double value, boolean capped, Optional<String> error, Duration took) {
  public Evaluation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(at, "at");
    observations = List.copyOf(observations);
    error = error == null ? Optional.empty() : error;
  }

  /** Whether the evaluation failed (and so says nothing about the instances). */
  public boolean failed() {
    return error.isPresent();
  }
}
