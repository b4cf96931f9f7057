package dev.corral.bench;

/**
 * What an ingest run measured.
 *
 * @param measuredEvents events in the batches after the warm-up
 * @param measuredBytes raw NDJSON bytes in those batches
 * @param measuredSeconds from the first measured send to the last durable acknowledgement
 * @param totalEvents every event of the dataset, warm-up included
 * @param totalSeconds from the first warm-up send until every event was searchable
 * @param ackToSearchableSeconds from the last acknowledgement until every event was searchable
 * @param rejected events the peer refused (should be 0)
 */
public record IngestFigures(long measuredEvents, long measuredBytes, double measuredSeconds, long totalEvents,
    double totalSeconds, double ackToSearchableSeconds, long rejected) {
  private static final double MB = 1024.0 * 1024.0;

  /** Durable (acknowledged) events per second after the warm-up. */
  public double durableEventsPerSecond() {
    return measuredEvents / measuredSeconds;
  }

  /** Durable raw MiB per second after the warm-up. */
  public double durableMegabytesPerSecond() {
    return measuredBytes / MB / measuredSeconds;
  }

  /** Every event divided by the time until all of them were searchable. */
  public double indexedEventsPerSecond() {
    return totalEvents / totalSeconds;
  }
}
