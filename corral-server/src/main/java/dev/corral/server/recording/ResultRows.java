package dev.corral.server.recording;

import dev.corral.query.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation's result table read as series: each row's {@code by} cells are its label values
 * (a missing one is the empty value, which Prometheus reads as no label), its value column the
 * sample. Rows that cannot be a sample are skipped and counted: a value that is not a finite number
 * (text, none, NaN, infinite), a negative value of a counter, and the {@value Table#OTHER} row that sums the
 * groups beyond {@code search.max_groups} (it is no group). A value.
 *
 * @param series label values (in the rule's label order) to value, in the table's row order
 * @param skippedRows rows that were not samples, for the rule's status
 */
record ResultRows(Map<List<String>, Double> series, int skippedRows) {
  ResultRows {
    series = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(series));
  }

  /**
   * Reads {@code table} as {@code rule}'s series.
   *
   * @throws IllegalArgumentException naming the columns when a {@code by} column or the value column is
   *     missing, or when the rule names no value column and the table has more than one besides the labels
   */
  static ResultRows read(RecordingRule rule, Table table) {
    List<String> names = table.columns().stream().map(column -> column.name()).toList();
    int[] labelColumns = new int[rule.byColumns().size()];
    for (int i = 0; i < labelColumns.length; i++) {
      labelColumns[i] = column(table, rule.byColumns().get(i), names);
    }
    int valueColumn = valueColumn(rule, table, names);
    Map<List<String>, Double> series = new LinkedHashMap<>();
    int skipped = 0;
    for (int row = 0; row < table.rows().size(); row++) {
      List<Object> cells = table.rows().get(row);
      Double value = sample(cells.get(valueColumn), rule.type());
      if (value == null || (table.otherRow() && row == table.rows().size() - 1)) {
        skipped++;
        continue;
      }
      List<String> labels = new ArrayList<>(labelColumns.length);
      for (int column : labelColumns) {
        Object cell = cells.get(column);
        labels.add(cell == null ? "" : cell.toString());
      }
      series.merge(List.copyOf(labels), value, Double::sum);
    }
    return new ResultRows(series, skipped);
  }

  private static int valueColumn(RecordingRule rule, Table table, List<String> names) {
    if (!rule.valueColumn().isEmpty()) {
      return column(table, rule.valueColumn(), names);
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!rule.byColumns().contains(names.get(i))) {
        candidates.add(i);
      }
    }
    if (candidates.size() != 1) {
      throw new IllegalArgumentException("the result has the columns " + names + "; with " + candidates.size()
          + " besides the by columns the rule must name its value column (value: ...)");
    }
    return candidates.get(0);
  }

  private static int column(Table table, String name, List<String> names) {
    int index = table.columnIndex(name);
    if (index < 0) {
      throw new IllegalArgumentException("the result has no column '" + name + "'; its columns are " + names);
    }
    return index;
  }

  /** The cell as a sample, or null when it cannot be one. */
  private static Double sample(Object cell, MetricType type) {
    if (!(cell instanceof Number number)) {
      return null; // text (even "12": a column of text is not a measurement) or no value
    }
    double value = number.doubleValue();
    if (!Double.isFinite(value) || (type == MetricType.COUNTER && value < 0)) {
      return null;
    }
    return value;
  }
}
