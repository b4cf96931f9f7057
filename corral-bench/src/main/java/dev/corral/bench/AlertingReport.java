package dev.corral.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Alerting section of {@code results.md}: the rules a run loaded, per phase (ingest, soak) the evaluations
 * done, failed and over budget and the server's CPU share, the time of one evaluation per set of rules, and the
 * events per window (docs/benchmarks.md, Alerting).
 */
public final class AlertingReport {
  private static final String NA = "n/a";

  private AlertingReport() {}

  public static String render(AlertFigures a) {
    StringBuilder md = new StringBuilder("## Alerting\n\n");
    if (a.rulesLoaded() == 0 && a.rulesRefused() == 0) {
      md.append("Rules: none; the soak measures the idle server, the baseline of a run with rules.\n\n");
    } else {
      md.append(String.format(Locale.ROOT, "Rules: %d generated threshold rules, %d seed rule files; the server loaded "
              + "%d and refused %d; due %.1f evaluations per minute; windows end alerts.lag = %s before now.%n%n",
          a.thresholdRules(), a.seedRules(), a.rulesLoaded(), a.rulesRefused(), a.duePerMinute(),
          a.lag() == null ? "(the server's default)" : DurationText.format(a.lag())));
    }
    List<AlertFigures.Phase> phases = new ArrayList<>();
    phases.add(a.ingest());
    if (a.soak() != null) {
      phases.add(a.soak());
    }
    md.append("| Figure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (AlertFigures.Phase phase : phases) {
      md.append(' ').append(phase.name()).append(" |");
      rule.append("---:|");
    }
    md.append('\n').append(rule).append('\n');
    row(md, phases, "Wall time, s", p -> format("%.1f", p.wallSeconds()));
    row(md, phases, "Evaluations done (server counter)", p -> format("%,.0f", p.evaluations()));
    row(md, phases, String.format(Locale.ROOT, "Evaluations per minute (due: %.1f)", a.duePerMinute()),
        p -> format("%.1f", p.evaluationsPerMinute()));
    row(md, phases, "Evaluations failed / over the time budget", p -> p.failed() + " / " + p.budgetHits());
    row(md, phases, "Evaluation threads busy (sum of evaluation times / wall time)",
        p -> format("%.3f", p.evaluationThreadsBusy()));
    row(md, phases, "Server CPU, s", p -> format("%.1f", p.cpuSeconds()));
    row(md, phases, "Server CPU share of one core", p -> format("%.3f", p.cpuShareOfOneCore()));
    row(md, phases, "Server CPU share of all " + phases.get(0).processors() + " cores",
        p -> format("%.3f", p.cpuShareOfAllCores()));
    if (phases.stream().anyMatch(phase -> !phase.costs().isEmpty())) {
      md.append("\n| Time of one evaluation (logtype:alert history) | phase | evaluations | failed | p50 ms | p95 ms "
          + "| max ms | mean ms |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    }
    for (AlertFigures.Phase phase : phases) {
      for (AlertFigures.RuleCost cost : phase.costs()) {
        md.append("| ").append(cost.rules()).append(" | ").append(phase.name()).append(" | ")
            .append(format("%,.0f", cost.evaluations())).append(" | ").append(cost.failed()).append(" | ")
            .append(format("%.0f", cost.p50Millis())).append(" | ").append(format("%.0f", cost.p95Millis()))
            .append(" | ").append(format("%.0f", cost.maxMillis())).append(" | ")
            .append(format("%.1f", cost.meanMillis())).append(" |\n");
      }
    }
    if (!a.windows().isEmpty()) {
      md.append("\n| Rule window | events in it, soak start | events in it, soak end |\n|---|---:|---:|\n");
      for (AlertFigures.WindowEvents window : a.windows()) {
        md.append("| ").append(DurationText.format(window.window())).append(" | ")
            .append(format("%,.0f", window.atStart())).append(" | ").append(format("%,.0f", window.atEnd()))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, List<AlertFigures.Phase> phases, String figure,
      Function<AlertFigures.Phase, String> value) {
    md.append("| ").append(figure).append(" |");
    for (AlertFigures.Phase phase : phases) {
      md.append(' ').append(value.apply(phase)).append(" |");
    }
    md.append('\n');
  }

  private static String format(String format, double value) {
    return Double.isNaN(value) || value < 0 || Double.isInfinite(value) ? NA : String.format(Locale.ROOT, format, value);
  }
}
