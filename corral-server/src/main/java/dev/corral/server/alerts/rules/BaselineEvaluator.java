package dev.corral.server.alerts.rules;

import dev.corral.query.table.Table;
import dev.corral.server.alerts.Observation;
import dev.corral.server.search.QueryBusyException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline rules: the statistic {@code pNN(settings.field)} of the rule's filter, per group, over the
 * window ("now") against the same statistic over the reference ("baseline"):
 * <ul>
 *   <li>{@code previous_hour}: the hour right before the window;
 *   <li>{@code same_hour_last_7_days}: the window's own stretch on each of the 7 days before; the
 *       baseline is the median of the days that have at least {@code min_events} events.
 * </ul>
 * A group is judged only when the window and the baseline each have at least {@code
 * settings.min_events} events; one with too few is never satisfied (no baseline, no alert), so a
 * new service or a quiet night does not page. A judged group is satisfied when now &gt; factor ×
 * baseline; its value is now, its details {@code baseline}, {@code factor}, {@code ratio}, {@code
 * events}. The overall value is the largest ratio now / baseline of a judged group.
 */
final class BaselineEvaluator implements KindEvaluator {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final int REFERENCE_DAYS = 7;

  private final RuleQueries queries;

  BaselineEvaluator(RuleQueries queries) {
    this.queries = queries;
  }

  /** A group's statistic and how many events it was computed from. */
  private record Statistic(double value, long events) {}

  @Override
  public Outcome evaluate(CompiledRule rule, Window window, Budget budget) throws IOException, QueryBusyException {
    BaselineSettings settings = rule.settings(BaselineSettings.class);
    Map<Map<String, String>, Statistic> now = statistic(rule, settings, window, budget);
    Map<Map<String, String>, Double> baseline = baseline(rule, settings, window, budget);
    List<Observation> observations = new ArrayList<>();
    double overall = Double.NaN;
    for (Map.Entry<Map<String, String>, Statistic> group : now.entrySet()) {
      Statistic current = group.getValue();
      Double reference = baseline.get(group.getKey());
      if (current.events() < settings.minEvents() || reference == null || Double.isNaN(current.value())) {
        continue;
      }
      double ratio = reference > 0 ? current.value() / reference : Double.POSITIVE_INFINITY;
      overall = Double.isNaN(overall) ? ratio : Math.max(overall, ratio);
      if (current.value() > settings.factor() * reference) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("statistic", "p" + format(settings.percentile()) + "(" + settings.field() + ")");
        details.put("now", current.value());
        details.put("baseline", reference);
        details.put("factor", settings.factor());
        details.put("ratio", ratio);
        details.put("events", current.events());
        details.put("reference", settings.reference().name().toLowerCase(java.util.Locale.ROOT));
        observations.add(new Observation(group.getKey(), current.value(), details));
      }
    }
    return new Outcome(observations, now.size(), overall);
  }

  private Map<Map<String, String>, Double> baseline(CompiledRule rule, BaselineSettings settings, Window window,
      Budget budget) throws IOException, QueryBusyException {
    Map<Map<String, String>, Double> baseline = new HashMap<>();
    if (settings.reference() == BaselineSettings.Reference.PREVIOUS_HOUR) {
      statistic(rule, settings, window.before(HOUR), budget).forEach((group, statistic) -> {
        if (statistic.events() >= settings.minEvents() && !Double.isNaN(statistic.value())) {
          baseline.put(group, statistic.value());
        }
      });
      return baseline;
    }
    Map<Map<String, String>, List<Double>> days = new HashMap<>();
    for (int day = 1; day <= REFERENCE_DAYS; day++) {
      statistic(rule, settings, window.shiftedBack(Duration.ofDays(day)), budget).forEach((group, statistic) -> {
        if (statistic.events() >= settings.minEvents() && !Double.isNaN(statistic.value())) {
          days.computeIfAbsent(group, g -> new ArrayList<>()).add(statistic.value());
        }
      });
    }
    days.forEach((group, values) -> baseline.put(group, median(values)));
    return baseline;
  }

  private Map<Map<String, String>, Statistic> statistic(CompiledRule rule, BaselineSettings settings, Window window,
      Budget budget) throws IOException, QueryBusyException {
    String by = rule.groupColumns().isEmpty() ? "" : " by " + String.join(", ", rule.groupColumns());
    Table table = queries.run(rule.rule().query() + " | stats percentile(" + settings.field() + ", "
        + format(settings.percentile()) + ") as value, count() as events" + by, window, budget).table();
    Map<Map<String, String>, Statistic> statistics = new LinkedHashMap<>();
    for (List<Object> row : table.rows()) {
      if (!TableRows.isOther(table, row, rule.groupColumns())) {
        statistics.put(TableRows.group(table, row, rule.groupColumns()), new Statistic(
            TableRows.number(row, table.columnIndex("value")), (long) TableRows.number(row, table.columnIndex("events"))));
      }
    }
    return statistics;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String format(double percentile) {
    return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
  }
}
