package dev.corral.server.alerts.rules;

import dev.corral.query.table.Table;
import dev.corral.query.table.TableOps;
import dev.corral.server.alerts.Observation;
import dev.corral.server.search.QueryBusyException;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Threshold and ratio rules: runs the query over the window, then applies the condition as the query
 * language's own {@code where} pipes to its rows ({@code query | where condition}); each row left is
 * one instance, named by its group columns, its value the row's {@link TableRows#valueColumn value
 * column}. The overall value is the largest value of any row (satisfying or not). The {@code (other)}
 * row of groups beyond {@code search.max_groups} is never an instance.
 */
final class ThresholdEvaluator implements KindEvaluator {
  private final RuleQueries queries;

  ThresholdEvaluator(RuleQueries queries) {
    this.queries = queries;
  }

  @Override
  public Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException {
    QueryResult result = queries.run(rule.plan(), window, budget);
    Table table = result.table();
    if (table == null) {
      throw new IllegalStateException("BUG: the aggregating query of rule '" + rule.rule().name() + "' gave no table");
    }
    int valueColumn = TableRows.valueColumn(table, rule.groupColumns());
    double overall = Double.NaN;
    for (List<Object> row : table.rows()) {
      double value = TableRows.number(row, valueColumn);
      if (!Double.isNaN(value) && (Double.isNaN(overall) || value > overall)) {
        overall = value;
      }
    }
    Table satisfied = TableOps.applyAll(table, rule.condition(), Integer.MAX_VALUE);
    int satisfiedValue = TableRows.valueColumn(satisfied, rule.groupColumns());
    List<Observation> observations = new ArrayList<>();
    for (List<Object> row : satisfied.rows()) {
      if (!TableRows.isOther(satisfied, row, rule.groupColumns())) {
        observations.add(new Observation(TableRows.group(satisfied, row, rule.groupColumns()),
            TableRows.number(row, satisfiedValue), TableRows.cells(satisfied, row)));
      }
    }
    return new Outcome(observations, table.rows().size(), overall);
  }
}
