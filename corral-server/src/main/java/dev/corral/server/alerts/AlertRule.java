package dev.corral.server.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert rule, as a rule file (one rule per file, {@code data/alerts/<name>.yaml}) or the API
 * defines it, already validated by {@code alerts.rules}. A value: collections are copied.
 *
 * @param name unique across the rule files; also the file's stem
 * @param kind how the rule is evaluated
 * @param query the query evaluated every {@link #every} over {@link #window}; for {@link RuleKind#MATCH}
 *     a filter applied to each new event
 * @param every how often the rule is evaluated
 * @param window how far back each evaluation looks; ends at "now minus the searchable lag"
 * @param condition a {@code where} expression over the query's result rows; each row satisfying it is
 *     one alert instance, identified by its {@link #groupBy} columns; empty for kinds that have none
 * @param forDuration how long an instance's condition must hold before it fires ({@code for:}); zero
 *     fires at the first evaluation that sees it
 * @param keepFiringFor hysteresis: a firing instance resolves only once its condition has been false
 *     this long; zero resolves at the first evaluation that no longer sees it
 * @param renotifyEvery how often a still-firing instance is notified again; zero never repeats
 * @param labels added to every instance (e.g. {@code severity: critical}); routing and silences match them
 * @param groupBy the columns naming an instance (the query's {@code by} columns); empty for one instance
 * @param channels names from {@code channels.yaml} that receive this rule's notifications
 * @param description what the alert means, shown in notifications
 * @param runbook a URL or text telling the responder what to do; empty for none
 * @param settings kind-specific settings (e.g. {@code trace_field}, {@code min_services} for
 *     {@link RuleKind#TRACE}; {@code field}, {@code percentile}, {@code factor}, {@code reference} for
 *     {@link RuleKind#BASELINE}; {@code throttle} for {@link RuleKind#MATCH}), validated by the kind's evaluator
 * @param enabled a disabled rule is kept and listed but never evaluated
 */
public record AlertRule(String name, RuleKind kind, String query, Duration every, Duration window, String condition,
    Duration forDuration, Duration keepFiringFor, Duration renotifyEvery, Map<String, String> labels,
    List<String> groupBy, List<String> channels, String description, String runbook, Map<String, Object> settings,
    boolean enabled) {
  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(window, "window");
    condition = condition == null ? "" : condition;
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
    renotifyEvery = renotifyEvery == null ? Duration.ZERO : renotifyEvery;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    channels = channels == null ? List.of() : List.copyOf(channels);
    description = description == null ? "" : description;
    runbook = runbook == null ? "" : runbook;
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** The rule's severity label, {@code warning} when it sets none. */
  public String severity() {
    return labels.getOrDefault("severity", "warning");
  }
}
