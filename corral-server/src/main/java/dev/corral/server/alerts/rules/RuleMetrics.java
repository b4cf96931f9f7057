package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Evaluation;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The rules' metrics: {@code corral_alert_evaluations_total{rule,outcome}} (outcome {@code satisfied}:
 * at least one instance; {@code clear}: none; {@code failed}: an error) and {@code
 * corral_alert_evaluation_duration_seconds{kind}}.
 */
final class RuleMetrics {
  /** From a cheap count (ms) to the default budget (30 s). */
  private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final Counter evaluations;
  private final Histogram duration;

  RuleMetrics(PrometheusRegistry registry) {
    evaluations = Counter.builder().name("corral_alert_evaluations_total")
        .help("Alert rule evaluations by rule and outcome (satisfied: at least one instance, clear: none, failed)")
        .labelNames("rule", "outcome").register(registry);
    duration = Histogram.builder().name("corral_alert_evaluation_duration_seconds")
        .help("Time one alert rule evaluation took, queries included, by rule kind")
        .labelNames("kind").classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
  }

  void record(String kind, Evaluation evaluation) {
    String outcome = evaluation.failed() ? "failed" : evaluation.observations().isEmpty() ? "clear" : "satisfied";
    evaluations.labelValues(evaluation.rule(), outcome).inc();
    duration.labelValues(kind).observe(evaluation.took().toNanos() / 1e9);
  }
}
