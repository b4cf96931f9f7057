package dev.corral.store.exec;

import java.util.Objects;
import org.apache.lucene.index.IndexReader;

/**
 * The reader of one daily partition, held (reference-counted) by the caller for the whole query.
 *
 * @param day the partition's UTC day, e.g. "2026-11-21"
 * @param reader a point-in-time reader; the caller releases it after the query
 * @param firstNanos first epoch nanosecond of the day
 * @param lastNanos last epoch nanosecond of the day
 */
public record PartitionSnapshot(String day, IndexReader reader, long firstNanos, long lastNanos) {
  public PartitionSnapshot {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(reader, "reader");
  }
}
