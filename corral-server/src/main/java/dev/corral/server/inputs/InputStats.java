package dev.corral.server.inputs;

import dev.corral.server.ingest.InputCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code /api/v1/stats} section of one input: what it stored and had refused, then its own counters. */
public final class InputStats {
  private InputStats() {}

  /** {@code {"events", "dead_letters", "refused_requests", ...own}} in that order. */
  public static Map<String, Object> of(InputCounts counts, Map<String, ?> own) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("events", counts.events());
    stats.put("dead_letters", counts.deadLetters());
    stats.put("refused_requests", counts.refusedRequests());
    stats.putAll(own);
    return stats;
  }
}
