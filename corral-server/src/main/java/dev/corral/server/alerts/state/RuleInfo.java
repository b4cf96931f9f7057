package dev.corral.server.alerts.state;

import dev.corral.server.alerts.AlertRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the state keeps of a rule to notify about its instances and link to them: enough to send the
 * resolve of a rule that was deleted, even after a restart (it is persisted with the states).
 *
 * @param name the rule's name
 * @param query its query (the Search link shows it)
 * @param window how far back each evaluation looks (the Search link's range starts that far before the alert)
 * @param labels its labels (silences match them; notifications carry them)
 * @param channels where its notifications go
 * @param description what it means
 * @param runbook what to do; empty for none
 */
public record RuleInfo(String name, String query, Duration window, Map<String, String> labels, List<String> channels,
    String description, String runbook) {
  public RuleInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(window, "window");
    labels = Map.copyOf(labels);
    channels = List.copyOf(channels);
    description = description == null ? "" : description;
    runbook = runbook == null ? "" : runbook;
  }

  /** What the state keeps of {@code rule}. */
  public static RuleInfo of(AlertRule rule) {
    return new RuleInfo(rule.name(), rule.query(), rule.window(), rule.labels(), rule.channels(), rule.description(),
        rule.runbook());
  }

  /** The severity label, {@code warning} when the rule sets none (as {@link AlertRule#severity()}). */
  public String severity() {
    return labels.getOrDefault("severity", "warning");
  }

  /**
   * The labels an instance of this rule with {@code key}'s group carries, which silences match and
   * receivers route on: the rule's labels, then the group values, then {@code alertname} (the rule).
   */
  public Map<String, String> labelsOf(InstanceKey key) {
    Map<String, String> all = new java.util.TreeMap<>(labels);
    all.putAll(key.group());
    all.put("alertname", name);
    return Map.copyOf(all);
  }
}
