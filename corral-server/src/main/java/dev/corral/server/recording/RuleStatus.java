package dev.corral.server.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule and what its evaluations did, as of one moment. A value.
 *
 * @param series the exported series: label values (in {@link RecordingRule#labels()} order) to value
 * @param lastRun when the last evaluation ended, or null before the first
 * @param lastWindow the time range the last successful evaluation read ({@code [from, to)}), or null
 * @param lastMillis how long the last evaluation took
 * @param lastError why the last evaluation failed, or null when it succeeded
 * @param runs evaluations since the rule was loaded
 * @param failures of them, those that failed (query error, over the time budget, result not usable)
 * @param skippedRows rows of the last successful evaluation that were not samples ({@link ResultRows})
 * @param droppedSeries series the last evaluation could not export because of the per-rule cap
 */
record RuleStatus(RecordingRule rule, Map<List<String>, Double> series, Instant lastRun, Window lastWindow,
    long lastMillis, String lastError, long runs, long failures, int skippedRows, int droppedSeries) {
  RuleStatus {
    series = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(series));
  }

  /** The time range an evaluation reads: {@code from} inclusive, {@code to} exclusive. */
  record Window(Instant from, Instant to) {}
}
