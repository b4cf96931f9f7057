package dev.corral.server.recording;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The recording rules' series on {@code GET /metrics}, read from the rules' states at each scrape:
 * one family per rule (its name, type and help), one sample per series, the {@code by} columns as
 * labels (the exposition writer escapes {@code \}, {@code "} and newlines in values). Also the
 * server's own {@code corral_recording_evaluations_total{rule,outcome}} (ok, failed). A rule not yet
 * evaluated exports no family. Nothing is computed here beyond copying the states.
 */
final class RecordedMetrics implements MultiCollector {
  private final Supplier<List<RuleStatus>> statuses;

  RecordedMetrics(Supplier<List<RuleStatus>> statuses) {
    this.statuses = statuses;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> families = new ArrayList<>();
    CounterSnapshot.Builder evaluations = CounterSnapshot.builder().name("corral_recording_evaluations_total")
        .help("Evaluations of each recording rule since it was loaded, by outcome (ok, failed)");
    for (RuleStatus status : statuses.get()) {
      RecordingRule rule = status.rule();
      String[] names = rule.labels().toArray(String[]::new);
      evaluations.dataPoint(evaluationCount(rule.name(), "ok", status.runs() - status.failures()));
      evaluations.dataPoint(evaluationCount(rule.name(), "failed", status.failures()));
      if (status.lastWindow() == null) {
        continue;
      }
      if (rule.type() == MetricType.COUNTER) {
        CounterSnapshot.Builder family = CounterSnapshot.builder().name(rule.name()).help(rule.help());
        for (Map.Entry<List<String>, Double> series : status.series().entrySet()) {
          family.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(names, series.getKey()))
              .value(series.getValue()).build());
        }
        families.add(family.build());
      } else {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(rule.name()).help(rule.help());
        for (Map.Entry<List<String>, Double> series : status.series().entrySet()) {
          family.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(names, series.getKey()))
              .value(series.getValue()).build());
        }
        families.add(family.build());
      }
    }
    families.add(evaluations.build());
    return new MetricSnapshots(families);
  }

  private static CounterSnapshot.CounterDataPointSnapshot evaluationCount(String rule, String outcome, long count) {
    return CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("rule", rule, "outcome", outcome))
        .value(count).build();
  }

  private static Labels labels(String[] names, List<String> values) {
    return Labels.of(names, values.toArray(String[]::new));
  }
}
