package dev.corral.server.alerts.state;

import dev.corral.server.alerts.NotifiedAlert;
import dev.corral.server.alerts.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Makes the one {@link Notification} of a rule's evaluation from the instances due for it (firing
 * first), with the summary line and each instance's links and dedup key.
 */
final class NotificationBuilder {
  /** Groups named in a summary line; more become "+N more" so the line stays one line. */
  static final int SUMMARY_GROUPS = 5;

  private final AlertLinks links;

  NotificationBuilder(AlertLinks links) {
    this.links = links;
  }

  /** The notification of {@code outcome}, empty when it notifies no instance. */
  Optional<Notification> build(RuleOutcome outcome) {
    if (outcome.due().isEmpty()) {
      return Optional.empty();
    }
    RuleInfo rule = outcome.rule();
    List<NotifiedAlert> alerts = new ArrayList<>();
    for (AlertInstance instance : outcome.due()) {
      alerts.add(alert(rule, instance));
    }
    return Optional.of(new Notification(rule.name(), rule.severity(), summary(rule.name(), outcome.due()),
        rule.description(), rule.runbook(), rule.labels(), alerts, links.rule(rule.name()), outcome.at(), false));
  }

  /** One instance as a receiver sees it. */
  NotifiedAlert alert(RuleInfo rule, AlertInstance instance) {
    String status = instance.state() == AlertState.FIRING ? "firing" : "resolved";
    return new NotifiedAlert(instance.key().group(), rule.labelsOf(instance.key()), status, instance.value(),
        instance.startsAt(), instance.endsAt(), instance.key().dedupKey(), links.search(rule, instance),
        links.worstTrace(rule, instance), instance.details());
  }

  /**
   * {@code error_spike firing for 2 groups (payment-gateway, user-auth)}, then {@code ; resolved for 1
   * group (checkout)} when some resolved; a rule without groups says {@code error_spike firing}.
   */
  static String summary(String rule, List<AlertInstance> instances) {
    List<AlertInstance> firing = instances.stream().filter(i -> i.state() == AlertState.FIRING).toList();
    List<AlertInstance> resolved = instances.stream().filter(i -> i.state() != AlertState.FIRING).toList();
    StringBuilder line = new StringBuilder(rule);
    if (!firing.isEmpty()) {
      line.append(" firing").append(groups(firing));
    }
    if (!resolved.isEmpty()) {
      line.append(firing.isEmpty() ? " resolved" : "; resolved").append(groups(resolved));
    }
    return line.toString();
  }

  private static String groups(List<AlertInstance> instances) {
    if (instances.size() == 1 && instances.getFirst().key().group().isEmpty()) {
      return "";
    }
    StringJoiner names = new StringJoiner(", ", " (", ")");
    instances.stream().limit(SUMMARY_GROUPS).forEach(i -> names.add(String.join("/", i.key().group().values())));
    if (instances.size() > SUMMARY_GROUPS) {
      names.add("+" + (instances.size() - SUMMARY_GROUPS) + " more");
    }
    return " for " + instances.size() + (instances.size() == 1 ? " group" : " groups") + names;
  }
}
