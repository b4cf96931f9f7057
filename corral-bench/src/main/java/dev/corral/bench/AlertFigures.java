package dev.corral.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a run measured of the alert rules (the report's Alerting section): the rules the server loaded, what
 * their evaluations cost while ingest ran and during the soak after it, and how many events their windows held.
 *
 * @param thresholdRules generated threshold rules installed
 * @param seedRules seed rule files installed
 * @param rulesLoaded rules the server loaded ({@code GET /api/v1/alerts/rules})
 * @param rulesRefused rule files the server refused (should be 0)
 * @param duePerMinute evaluations the loaded rules are due per minute (each rule's {@code 60 s / every})
 * @param lag the server's {@code alerts.lag} (windows end this far before now); null when no rule was installed
 *     and the server kept its default
 * @param ingest from the first ingest request until every event was searchable
 * @param soak the {@code --alert-soak} after ingest, nothing else running; null without a soak
 * @param windows events in each window length of the loaded rules at the start and the end of the soak
 */
public record AlertFigures(int thresholdRules, int seedRules, int rulesLoaded, int rulesRefused, double duePerMinute,
    Duration lag, Phase ingest, Phase soak, List<WindowEvents> windows) {
  public AlertFigures {
    windows = List.copyOf(windows);
  }

  /**
   * One stretch of the run.
   *
   * @param name {@code ingest} or {@code soak}
   * @param wallSeconds its wall-clock length
   * @param cpuSeconds the server's user + system CPU seconds in it ({@code /proc/<pid>/stat}); -1 unknown
   * @param processors cores of the machine
   * @param evaluations evaluations the server counted in it ({@code alerts_rules.evaluations} of the stats)
   * @param failed of them failed ({@code alerts_rules.errors})
   * @param budgetHits failed evaluations that ran out of {@code alerts.eval_timeout}
   * @param costs per-evaluation times from the {@code logtype:alert} history: the generated rules together,
   *     then each other rule
   */
  public record Phase(String name, double wallSeconds, double cpuSeconds, int processors, long evaluations,
      long failed, long budgetHits, List<RuleCost> costs) {
    public Phase {
      costs = List.copyOf(costs);
    }

    /** Server CPU time over wall time: 1.0 is one core busy all along; NaN when unknown. */
    public double cpuShareOfOneCore() {
      return cpuSeconds < 0 || wallSeconds <= 0 ? Double.NaN : cpuSeconds / wallSeconds;
    }

    /** {@link #cpuShareOfOneCore()} over the machine's cores: 1.0 is the whole machine. */
    public double cpuShareOfAllCores() {
      return cpuShareOfOneCore() / processors;
    }

    /**
     * The evaluations' time in the history over the wall time: how many of the evaluation threads
     * ({@code alerts.max_concurrent}) were busy on average, waiting on a core included; NaN without history.
     */
    public double evaluationThreadsBusy() {
      double millis = 0;
      for (RuleCost cost : costs) {
        millis += cost.evaluations() == 0 ? 0 : cost.evaluations() * cost.meanMillis();
      }
      return costs.isEmpty() || wallSeconds <= 0 ? Double.NaN : millis / 1000 / wallSeconds;
    }

    /** Evaluations done per minute. */
    public double evaluationsPerMinute() {
      return wallSeconds <= 0 ? Double.NaN : evaluations * 60.0 / wallSeconds;
    }
  }

  /**
   * The time of the evaluations of a set of rules, as each evaluation's history event says ({@code took_ms}).
   *
   * @param rules which: {@code 200 threshold rules} or a rule name
   * @param evaluations evaluations recorded in the history
   * @param failed of them failed
   * @param p50Millis median time of one evaluation
   * @param p95Millis 95th percentile
   * @param maxMillis slowest
   * @param meanMillis mean
   */
  public record RuleCost(String rules, long evaluations, long failed, double p50Millis, double p95Millis,
      double maxMillis, double meanMillis) {}

  /**
   * Events in the window {@code [now - lag - window, now - lag)} at the start and the end of the soak (or after
   * ingest, without a soak): what one evaluation of a rule with this window reads.
   */
  public record WindowEvents(Duration window, long atStart, long atEnd) {}
}
