package dev.corral.bench;

import java.util.List;

/**
 * One query of the benchmark set.
 *
 * @param name short label for the results table
 * @param texts query texts; run {@code i} uses {@code texts[i % size]} (several only for trace-id lookups)
 * @param from lower time bound such as {@code now-15m}, or null for all time
 */
public record BenchQuery(String name, List<String> texts, String from) {
  public BenchQuery {
    texts = List.copyOf(texts);
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("query " + name + " has no text");
    }
  }

  /** The query text for run number {@code run}. */
  public String text(int run) {
    return texts.get(Math.floorMod(run, texts.size()));
  }

  /** The standard set: a trace lookup over the sampled ids, then filters and aggregations. */
  public static List<BenchQuery> standard(List<String> traceIds) {
    List<String> lookups = traceIds.stream().map(id -> "trace_id:\"" + id + "\"").toList();
    return List.of(
        new BenchQuery("trace_id lookup", lookups.isEmpty() ? List.of("trace_id:none") : lookups, null),
        new BenchQuery("level:ERROR, last 15m", List.of("level:ERROR"), "now-15m"),
        new BenchQuery("stats count() by service, level", List.of("* | stats count() by service, level"), null),
        new BenchQuery("stats p95(duration) by service, 1h",
            List.of("* | stats p95(performance.duration_ms) by service"), "now-1h"),
        new BenchQuery("phrase \"card declined\"", List.of("\"card declined\""), null),
        new BenchQuery("regex message:/time.?out/", List.of("message:/time.?out/"), null),
        new BenchQuery("timechart span=1m count(), 1h", List.of("* | timechart span=1m count()"), "now-1h"));
  }
}
