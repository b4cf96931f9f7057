package dev.corral.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark dataset on disk: NDJSON batch files (one event per line), their totals, and trace ids
 * sampled from the events for lookups.
 *
 * @param name what the events are: {@code fleet}, {@code ids} ({@code --dataset}) or {@code file} ({@code --file})
 * @param batches batch files in ingest order, each at most the requested batch size; a view made by
 *     {@link NumberedFiles#asList()} is kept as it is (it holds no paths), any other list is copied
 * @param events events over all batches
 * @param rawBytes bytes over all batches, newlines included
 * @param traceIds trace ids that occur in the data, for trace-id lookup queries
 */
public record Dataset(String name, List<Path> batches, long events, long rawBytes, List<String> traceIds) {
  public Dataset {
    batches = NumberedFiles.isView(batches) ? batches : List.copyOf(batches);
    traceIds = List.copyOf(traceIds);
    if (events < 0 || rawBytes < 0) {
      throw new IllegalArgumentException("events (" + events + ") and rawBytes (" + rawBytes + ") must be >= 0");
    }
  }

  /** Mean NDJSON bytes per event, newline included; 0 for an empty dataset. */
  public double meanEventBytes() {
    return events == 0 ? 0 : (double) rawBytes / events;
  }
}
