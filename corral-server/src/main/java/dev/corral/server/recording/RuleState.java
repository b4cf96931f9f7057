package dev.corral.server.recording;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one loaded rule has exported and how its evaluations went: the series (replaced by a gauge's
 * evaluation, added to by a counter's), where a counter's next window starts, the last outcome.
 * Thread-safe: an evaluation thread writes, scrapes and the API read {@link #status()}.
 */
final class RuleState {
  private final RecordingRule rule;
  private final int maxSeries;
  private Map<List<String>, Double> series = Map.of();
  private Instant counterEnd;
  private Instant lastRun;
  private RuleStatus.Window lastWindow;
  private long lastMillis;
  private String lastError;
  private long runs;
  private long failures;
  private int skippedRows;
  private int droppedSeries;

  /** @param maxSeries most series the rule exports ({@code recording.max_series_per_rule}) */
  RuleState(RecordingRule rule, int maxSeries) {
    this.rule = rule;
    this.maxSeries = maxSeries;
  }

  RecordingRule rule() {
    return rule;
  }

  /**
   * The window the evaluation ending at {@code end} reads: a gauge's {@code [end - window, end)}; a
   * counter's from where its last successful evaluation ended (its first: {@code end - window}), so
   * its windows tile time. Null when there is nothing to read yet (a counter whose last window already
   * reaches {@code end}).
   */
  synchronized RuleStatus.Window windowEndingAt(Instant end) {
    Instant from = rule.type() == MetricType.COUNTER && counterEnd != null ? counterEnd : end.minus(rule.window());
    return from.isBefore(end) ? new RuleStatus.Window(from, end) : null;
  }

  /** Records a successful evaluation of {@code window}: its rows become (gauge) or add to (counter) the series. */
  synchronized void succeeded(Instant at, RuleStatus.Window window, ResultRows rows, long millis) {
    Map<List<String>, Double> next;
    int dropped;
    if (rule.type() == MetricType.GAUGE) {
      List<Map.Entry<List<String>, Double>> entries = new ArrayList<>(rows.series().entrySet());
      if (entries.size() > maxSeries) {
        entries.sort(Map.Entry.<List<String>, Double>comparingByValue(Comparator.reverseOrder()));
      }
      next = new LinkedHashMap<>();
      for (Map.Entry<List<String>, Double> entry : entries.subList(0, Math.min(maxSeries, entries.size()))) {
        next.put(entry.getKey(), entry.getValue());
      }
      dropped = entries.size() - next.size();
      next = java.util.Collections.unmodifiableMap(next);
    } else {
      Map<List<String>, Double> totals = new LinkedHashMap<>(series);
      dropped = 0;
      for (Map.Entry<List<String>, Double> entry : rows.series().entrySet()) {
        if (totals.containsKey(entry.getKey()) || totals.size() < maxSeries) {
          totals.merge(entry.getKey(), entry.getValue(), Double::sum);
        } else {
          dropped++;
        }
      }
      next = java.util.Collections.unmodifiableMap(totals);
      counterEnd = window.to();
    }
    series = next;
    lastWindow = window;
    lastRun = at;
    finished(millis, null);
    skippedRows = rows.skippedRows();
    droppedSeries = dropped;
  }

  /** Records a failed evaluation; a counter's next window starts where its last successful one ended. */
  synchronized void failed(Instant at, long millis, String error) {
    lastRun = at;
    failures++;
    finished(millis, error);
  }

  private void finished(long millis, String error) {
    runs++;
    lastMillis = millis;
    lastError = error;
  }

  synchronized RuleStatus status() {
    return new RuleStatus(rule, series, lastRun, lastWindow, lastMillis, lastError, runs, failures, skippedRows,
        droppedSeries);
  }
}
