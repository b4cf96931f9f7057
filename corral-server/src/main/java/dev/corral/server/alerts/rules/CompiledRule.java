package dev.corral.server.alerts.rules;

import dev.corral.query.plan.Pipe;
import dev.corral.query.plan.QueryPlan;
import dev.corral.query.plan.QueryPlanParser;
import dev.corral.query.plan.StatsPipe;
import dev.corral.query.plan.TimechartPipe;
import dev.corral.query.plan.TopPipe;
import dev.corral.server.alerts.AlertRule;
import dev.corral.server.alerts.RuleKind;
import java.util.List;
import java.util.Objects;

/**
 * A validated rule and what evaluating it needs, parsed once: the query's plan, the condition as the
 * {@code where} pipes appended to it ({@code query | where condition}, so the condition is the query
 * language's own where), the group columns and the kind's settings.
 *
 * @param plan the rule's query
 * @param condition the pipes {@code | where <condition>} adds to {@link #plan}; empty for kinds without a condition
 * @param groupColumns the columns naming an instance: the rule's {@code group_by}, else the query's {@code by} columns
 * @param kindSettings the kind's typed settings ({@link TraceSettings}, {@link BaselineSettings}, {@link
 *     AbsenceSettings}, {@link MatchSettings}), or null for threshold and ratio
 */
record CompiledRule(AlertRule rule, QueryPlan plan, List<Pipe> condition, List<String> groupColumns,
    Object kindSettings) {
  CompiledRule {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(plan, "plan");
    condition = List.copyOf(condition);
    groupColumns = List.copyOf(groupColumns);
  }

  /**
   * Compiles {@code rule}.
   *
   * @throws dev.corral.query.QuerySyntaxException when the query or the condition does not parse
   * @throws IllegalArgumentException when the kind's settings or the query's shape do not fit the kind
   */
  static CompiledRule of(AlertRule rule) {
    QueryPlan plan = QueryPlanParser.parse(rule.query());
    return switch (rule.kind()) {
      case THRESHOLD, RATIO -> {
        if (plan.aggregationIndex() < 0) {
          throw new IllegalArgumentException("a " + rule.kind().wireName() + " rule's query must aggregate (e.g. '"
              + rule.query() + " | stats count() as events by service'), since its condition judges result rows");
        }
        if (rule.condition().isBlank()) {
          throw new IllegalArgumentException("a " + rule.kind().wireName() + " rule needs a condition, a where "
              + "expression over the query's rows, e.g. 'errors > 5'");
        }
        yield new CompiledRule(rule, plan, conditionPipes(rule, plan), groupColumns(rule, plan), null);
      }
      case TRACE -> new CompiledRule(rule, filterOnly(rule, plan), List.of(), List.of(), TraceSettings.from(rule.settings()));
      case BASELINE -> new CompiledRule(rule, filterOnly(rule, plan), List.of(), rule.groupBy(),
          BaselineSettings.from(rule.settings()));
      case ABSENCE -> new CompiledRule(rule, filterOnly(rule, plan), List.of(), rule.groupBy(),
          AbsenceSettings.from(rule.settings(), rule.window()));
      case MATCH -> new CompiledRule(rule, filterOnly(rule, plan), List.of(), List.of(), MatchSettings.from(rule.settings()));
    };
  }

  /** The kind's settings, typed. */
  <T> T settings(Class<T> type) {
    return type.cast(kindSettings);
  }

  private static List<Pipe> conditionPipes(AlertRule rule, QueryPlan plan) {
    QueryPlan withCondition = QueryPlanParser.parse(rule.query() + " | where " + rule.condition());
    return withCondition.pipes().subList(plan.pipes().size(), withCondition.pipes().size());
  }

  private static List<String> groupColumns(AlertRule rule, QueryPlan plan) {
    if (!rule.groupBy().isEmpty()) {
      return rule.groupBy();
    }
    return switch (plan.pipes().get(plan.aggregationIndex())) {
      case StatsPipe stats -> stats.by();
      case TopPipe top -> List.of(top.field());
      case TimechartPipe chart -> chart.by() == null ? List.of() : List.of(chart.by());
      default -> List.of();
    };
  }

  private static QueryPlan filterOnly(AlertRule rule, QueryPlan plan) {
    if (!plan.pipes().isEmpty()) {
      throw new IllegalArgumentException("a " + rule.kind().wireName() + " rule's query is a filter (e.g. "
          + "'level:ERROR'); Corral builds the aggregation itself, so it takes no pipes");
    }
    if (!rule.condition().isBlank() && rule.kind() != RuleKind.THRESHOLD) {
      throw new IllegalArgumentException("a " + rule.kind().wireName() + " rule takes no condition; its settings say"
          + " when it is satisfied");
    }
    return plan;
  }
}
