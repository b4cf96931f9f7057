package dev.corral.server.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention's counters since start, for {@code /api/v1/stats}: days dropped, events deleted, bytes
 * reclaimed, passes, failed passes and the last error, the last and the next run; the same totals
 * as Prometheus counters ({@link RetentionService#registerMetrics}). Thread-safe.
 */
final class RetentionCounters {
  private long droppedDays;
  private long deletedEvents;
  private long bytesReclaimed;
  private long passes;
  private long errors;
  private String lastError;
  private Instant lastRun;
  private Instant nextRun;

  synchronized void passed(Instant at, List<DeletionRecord> deletions, String error) {
    passes++;
    lastRun = at;
    for (DeletionRecord deletion : deletions) {
      if (deletion.action() == DeletionRecord.Action.DROPPED) {
        droppedDays++;
      }
      deletedEvents += deletion.events();
      bytesReclaimed += deletion.bytes();
    }
    if (error != null) {
      errors++;
      lastError = error;
    }
  }

  /** A snapshot of the totals, for the metrics. */
  record Totals(long droppedDays, long deletedEvents, long bytesReclaimed, long failedPasses) {}

  synchronized Totals totals() {
    return new Totals(droppedDays, deletedEvents, bytesReclaimed, errors);
  }

  synchronized void scheduled(Instant next) {
    nextRun = next;
  }

  synchronized Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dropped_days", droppedDays);
    json.put("deleted_events", deletedEvents);
    json.put("bytes_reclaimed", bytesReclaimed);
    json.put("passes", passes);
    json.put("errors", errors);
    json.put("last_error", lastError);
    json.put("last_run", lastRun == null ? null : lastRun.toString());
    json.put("next_run", nextRun == null ? null : nextRun.toString());
    return json;
  }
}
