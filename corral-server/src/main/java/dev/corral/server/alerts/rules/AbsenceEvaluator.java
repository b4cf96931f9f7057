package dev.corral.server.alerts.rules;

import dev.corral.query.table.Table;
import dev.corral.server.alerts.Observation;
import dev.corral.server.search.QueryBusyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Absence rules: with {@code group_by}, every group (e.g. service) that had events matching the
 * filter in the lookback before the window ({@code settings.lookback}) but none in the window is one
 * instance (value 0, details {@code seen_events}: its events in the lookback). Without
 * {@code group_by}, the rule is satisfied when no event at all matches in the window (one instance
 * with no group). The overall value is the number of absent groups (ungrouped: the window's events).
 */
final class AbsenceEvaluator implements KindEvaluator {
  private final RuleQueries queries;

  AbsenceEvaluator(RuleQueries queries) {
    this.queries = queries;
  }

  @Override
  public Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException {
    List<String> groups = rule.groupColumns();
    if (groups.isEmpty()) {
      long events = queries.run(rule.plan(), window, budget).total();
      List<Observation> absent = events == 0
          ? List.of(new Observation(Map.of(), 0, Map.of("window", rule.rule().window().toString()))) : List.of();
      return new Outcome(absent, 1, events);
    }
    AbsenceSettings settings = rule.settings(AbsenceSettings.class);
    Map<Map<String, String>, Long> seen = counts(rule, window.before(settings.lookback().minus(rule.rule().window())),
        budget);
    Set<Map<String, String>> present = counts(rule, window, budget).keySet();
    List<Observation> absent = new ArrayList<>();
    for (Map.Entry<Map<String, String>, Long> group : seen.entrySet()) {
      if (!present.contains(group.getKey())) {
        absent.add(new Observation(group.getKey(), 0, Map.of("seen_events", group.getValue(),
            "lookback", settings.lookback().toString())));
      }
    }
    Set<Map<String, String>> all = new LinkedHashSet<>(seen.keySet());
    all.addAll(present);
    return new Outcome(absent, all.size(), absent.size());
  }

  private Map<Map<String, String>, Long> counts(CompiledRule rule, Window window, Budget budget)
      throws IOException, QueryBusyException {
    Table table = queries.run(rule.rule().query() + " | stats count() as events by "
        + String.join(", ", rule.groupColumns()), window, budget).table();
    Map<Map<String, String>, Long> counts = new LinkedHashMap<>();
    for (List<Object> row : table.rows()) {
      Map<String, String> group = TableRows.group(table, row, rule.groupColumns());
      if (!TableRows.isOther(table, row, rule.groupColumns()) && !group.containsValue("")) {
        counts.put(group, (long) TableRows.number(row, table.columnIndex("events")));
      }
    }
    return counts;
  }
}
