package dev.corral.server.alerts.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one evaluation (or a rule's retirement) did to a rule's instances.
 *
 * @param rule the rule
 * @param at when
 * @param steps the instances that changed state, in the table's order
 * @param due the instances to notify about now (state changes and re-notifies, silenced ones left
 *     out), firing ones first
 * @param silenced the instances that would have been notified but are silenced
 * @param persist whether the table changed in a way a restart must see
 */
public record RuleOutcome(RuleInfo rule, Instant at, List<InstanceStep> steps, List<AlertInstance> due,
    List<AlertInstance> silenced, boolean persist) {
  public RuleOutcome {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(at, "at");
    steps = List.copyOf(steps);
    due = List.copyOf(due);
    silenced = List.copyOf(silenced);
  }
}
