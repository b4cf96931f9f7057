package dev.corral.server.alerts;

/**
 * Receives every evaluation of every rule, in order per rule; implemented by {@code alerts.state}.
 * Called from the evaluation pool, one call at a time per rule, never on an ingest or query thread;
 * must not block on the network (notifications go out asynchronously).
 */
@FunctionalInterface
public interface EvaluationSink {
  /** Takes the outcome of one evaluation of {@code rule}. */
  void accept(AlertRule rule, Evaluation evaluation);
}
