package dev.corral.server.alerts.state;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.Timestamps;
import dev.corral.model.LogEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code logtype:alert} events of alert history, service {@code corral-alerts}: one per
 * evaluation ({@code event:evaluation}) and one per state change ({@code event:transition}), so
 * {@code logtype:alert rule:error_spike | timechart count() by state} charts a rule's history.
 */
final class HistoryEvents {
  /** The {@code logtype} of every history event. */
  static final String LOGTYPE = "alert";
  /** The {@code service} of every history event. */
  static final String SERVICE = "corral-alerts";

  private HistoryEvents() {}

  /**
   * One evaluation, compactly: {@code rule}, {@code outcome} (ok, capped, failed), {@code value},
   * {@code rows}, {@code instances}, {@code took_ms}, and {@code error} when it failed.
   */
  static LogEvent evaluation(String rule, LastEvaluation evaluation) {
    Fields.Builder fields = common("evaluation", rule);
    fields.put("outcome", evaluation.outcome());
    putValue(fields, evaluation.value());
    fields.put("rows", evaluation.rows());
    fields.put("instances", (long) evaluation.instances());
    fields.put("took_ms", evaluation.tookMillis());
    if (!evaluation.error().isEmpty()) {
      fields.put("error", evaluation.error());
    }
    String message = "rule " + rule + " evaluated: " + evaluation.outcome() + ", " + evaluation.instances()
        + " instances" + (evaluation.error().isEmpty() ? "" : ": " + evaluation.error());
    return new LogEvent(nanos(evaluation.at()), evaluation.outcome().equals("failed") ? Level.WARN : Level.INFO,
        message, fields.build());
  }

  /**
   * One state change: {@code rule}, {@code state} (the new one), {@code previous_state},
   * {@code group} (as text) and each group value as {@code group.<column>}, {@code value},
   * {@code severity}, {@code dedup_key}, and {@code silenced_by} when a silence covers it.
   */
  static LogEvent transition(RuleInfo rule, InstanceStep step, Instant at, Optional<String> silencedBy) {
    AlertInstance instance = step.subject();
    Fields.Builder fields = common("transition", rule.name());
    fields.put("state", step.to().wireName());
    fields.put("previous_state", step.from().wireName());
    fields.put("group", instance.key().groupText());
    instance.key().group().forEach((column, value) -> fields.put("group." + column, value));
    putValue(fields, instance.value());
    fields.put("severity", rule.severity());
    fields.put("dedup_key", instance.key().dedupKey());
    silencedBy.ifPresent(id -> fields.put("silenced_by", id));
    String message = instance.key() + " " + step.from().wireName() + " -> " + step.to().wireName()
        + (Double.isFinite(instance.value()) ? " (value " + instance.value() + ")" : "")
        + silencedBy.map(id -> ", silenced by " + id).orElse("");
    Level level = step.to() == AlertState.FIRING ? Level.WARN : Level.INFO;
    return new LogEvent(nanos(at), level, message, fields.build());
  }

  private static Fields.Builder common(String event, String rule) {
    Fields.Builder fields = Fields.builder(16);
    fields.put("logtype", LOGTYPE);
    fields.put("service", SERVICE);
    fields.put("event", event);
    fields.put("rule", rule);
    return fields;
  }

  private static void putValue(Fields.Builder fields, double value) {
    if (Double.isFinite(value)) {
      fields.put("value", value);
    }
  }

  private static long nanos(Instant at) {
    return Timestamps.toNanos(at);
  }
}
