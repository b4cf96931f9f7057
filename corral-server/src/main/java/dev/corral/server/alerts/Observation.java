package dev.corral.server.alerts;

import java.util.Map;
import java.util.Objects;

/**
 * One result row of an evaluation that satisfied the rule's condition: a candidate alert instance.
 *
 * @param group the row's {@code groupBy} values (e.g. {@code service=payment-gateway}); empty for a
 *     rule with one instance. Together with the rule's name it identifies the instance.
 * @param value the number the condition judged (e.g. the error rate), for messages and sparklines
 * @param details what a responder needs beyond the value, JSON-ready (e.g. for a trace rule
 *     {@code traces: [{trace_id, services}]}, {@code worst_trace}); shown in notifications
 */
public record Observation(Map<String, String> group, double value, Map<String, Object> details) {
  public Observation {
    group = Map.copyOf(Objects.requireNonNull(group, "group"));
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
