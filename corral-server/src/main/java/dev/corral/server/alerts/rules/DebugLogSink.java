package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.EvaluationSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in {@link EvaluationSink} that logs each evaluation at DEBUG and keeps no state: what the
 * server runs until alerting's state part is wired in its place.
 */
public final class DebugLogSink implements EvaluationSink {
  private static final Logger LOG = LoggerFactory.getLogger(DebugLogSink.class);

  @Override
  public void accept(AlertRule rule, Evaluation evaluation) {
    LOG.atDebug().addKeyValue("rule", rule.name()).addKeyValue("satisfied", evaluation.observations().size())
        .addKeyValue("value", evaluation.value()).addKeyValue("error", evaluation.error().orElse(null))
        .addKeyValue("took_ms", evaluation.took().toMillis()).log("alert rule evaluated");
  }
}
