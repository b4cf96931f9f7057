package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.Evaluation;
import dev.corral.server.alerts.Observation;
import dev.corral.server.config.DurationText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON of rules, rule files and evaluations (docs/alerting.md, API). */
final class RuleJson {
  private RuleJson() {}

  /** A rule file: its rule (null when refused), its error, its last evaluation and sparkline. */
  static Map<String, Object> file(RuleFile file, EvaluationHistory history, boolean withText) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", file.ruleName());
    json.put("file", file.name());
    json.put("error", file.error());
    json.put("rule", file.rule() == null ? null : rule(file.rule().rule()));
    EvaluationHistory.RuleHistory recorded = history.of(file.ruleName()).orElse(null);
    json.put("last_evaluation", recorded == null ? null : evaluation(recorded.last()));
    List<Map<String, Object>> sparkline = new ArrayList<>();
    if (recorded != null) {
      for (EvaluationHistory.Point point : recorded.values()) {
        sparkline.add(point(point));
      }
    }
    json.put("sparkline", sparkline);
    if (withText) {
      json.put("definition", file.text());
    }
    return json;
  }

  static Map<String, Object> rule(AlertRule rule) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", rule.name());
    json.put("kind", rule.kind().wireName());
    json.put("query", rule.query());
    json.put("every", DurationText.format(rule.every()));
    json.put("window", DurationText.format(rule.window()));
    json.put("condition", rule.condition());
    json.put("for", DurationText.format(rule.forDuration()));
    json.put("keep_firing_for", DurationText.format(rule.keepFiringFor()));
    json.put("renotify_every", DurationText.format(rule.renotifyEvery()));
    json.put("labels", rule.labels());
    json.put("group_by", rule.groupBy());
    json.put("channels", rule.channels());
    json.put("description", rule.description());
    json.put("runbook", rule.runbook());
    json.put("settings", rule.settings());
    json.put("enabled", rule.enabled());
    return json;
  }

  /** An evaluation; observations in full ({@code groups}). */
  static Map<String, Object> evaluation(Evaluation evaluation) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", evaluation.at().toString());
    json.put("from", evaluation.from() == null ? null : evaluation.from().toString());
    json.put("to", evaluation.to() == null ? null : evaluation.to().toString());
    json.put("value", number(evaluation.value()));
    json.put("rows", evaluation.rows());
    json.put("satisfied", evaluation.observations().size());
    json.put("capped", evaluation.capped());
    json.put("error", evaluation.error().orElse(null));
    json.put("took_ms", evaluation.took() == null ? null : evaluation.took().toMillis());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Observation observation : evaluation.observations()) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("group", observation.group());
      group.put("value", number(observation.value()));
      group.put("details", observation.details());
      groups.add(group);
    }
    json.put("groups", groups);
    return json;
  }

  private static Map<String, Object> point(EvaluationHistory.Point point) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", point.at().toString());
    json.put("value", number(point.value()));
    return json;
  }

  /** JSON has no NaN or infinity: null for none, the text for an infinite ratio. */
  private static Object number(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    return Double.isInfinite(value) ? (value > 0 ? "Infinity" : "-Infinity") : value;
  }
}
