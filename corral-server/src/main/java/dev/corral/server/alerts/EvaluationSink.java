package dev.corral.server.alerts;

import java.util.Collection;

/**
 * Receives every evaluation of every rule, in order per rule; implemented by {@code alerts.state}.
 * Called from the evaluation pool, one call at a time per rule, never on an ingest or query thread;
 * must not block on the network (notifications go out asynchronously).
 */
@FunctionalInterface
public interface EvaluationSink {
  /** Takes the outcome of one evaluation of {@code rule}. */
  void accept(AlertRule rule, Evaluation evaluation);

  /**
   * Tells the sink which rules are enabled now; {@code alerts.rules} calls it after every (re)load of
   * the rule files, the first time before any evaluation. The instances of a rule not among them
   * (deleted or disabled, also while the server was down) resolve: a firing one is notified as
   * resolved, a pending one is forgotten. The default does nothing.
   */
  default void rulesLoaded(Collection<AlertRule> enabled) {}
}
