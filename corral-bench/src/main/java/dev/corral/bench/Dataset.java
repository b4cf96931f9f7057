package dev.corral.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark dataset on disk: NDJSON batch files (one event per line), their totals, and trace ids
 * sampled from the events for lookups.
 *
 * @param batches batch files in ingest order, each at most the requested batch size
 * @param events events over all batches
 * @param rawBytes bytes over all batches, newlines included
 * @param traceIds trace ids that occur in the data, for trace-id lookup queries
 */
public record Dataset(List<Path> batches, long events, long rawBytes, List<String> traceIds) {
  public Dataset {
    batches = List.copyOf(batches);
    traceIds = List.copyOf(traceIds);
    if (events < 0 || rawBytes < 0) {
      throw new IllegalArgumentException("events (" + events + ") and rawBytes (" + rawBytes + ") must be >= 0");
    }
  }
}
