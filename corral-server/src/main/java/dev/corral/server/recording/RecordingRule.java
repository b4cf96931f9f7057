package dev.corral.server.recording;

import dev.corral.query.plan.QueryPlan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One recording rule, read and validated from its file ({@link RuleReader}). A value.
 *
 * @param name the exported metric's name (a Prometheus metric name; a counter's ends in {@code _total})
 * @param query the query as written: a filter and pipes whose aggregation is {@code stats}
 * @param plan the query, parsed
 * @param labels the label names, one per {@code by} column of the {@code stats} (in its order; a
 *     column name's characters other than letters, digits and {@code _} become {@code _})
 * @param byColumns the {@code by} columns the labels are read from, in the same order
 * @param valueColumn the result column holding each row's value; empty: the one column besides the {@code by} ones
 * @param every how often it is evaluated
 * @param window how far back a gauge's evaluation looks, and a counter's first one
 * @param type gauge or counter
 * @param help the metric's HELP text
 * @param file the file it was read from
 */
public record RecordingRule(String name, String query, QueryPlan plan, List<String> labels, List<String> byColumns,
    String valueColumn, Duration every, Duration window, MetricType type, String help, String file) {
  public RecordingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(plan, "plan");
    labels = List.copyOf(labels);
    byColumns = List.copyOf(byColumns);
    Objects.requireNonNull(valueColumn, "valueColumn");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(file, "file");
    if (labels.size() != byColumns.size()) {
      throw new IllegalArgumentException("BUG: " + labels.size() + " labels for " + byColumns.size() + " by columns");
    }
  }
}
