package dev.corral.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One timed ingest over HTTP, the same for every server peer: the first {@value #WARM_UP_SHARE}
 * of the batches as a warm-up, then the measured rest, then waiting until every accepted event is
 * searchable.
 *
 * @param warm totals of the warm-up batches
 * @param measured totals of the measured batches
 * @param warmUpBatches how many batches the warm-up took (the measured ones follow them)
 * @param startNanos first warm-up send ({@link System#nanoTime})
 * @param measuredStartNanos first measured send
 * @param lastAckNanos last measured acknowledgement
 * @param searchableNanos every accepted event searchable
 */
public record WarmedUpload(BatchUploader.Totals warm, BatchUploader.Totals measured, int warmUpBatches, long startNanos,
    long measuredStartNanos, long lastAckNanos, long searchableNanos) {
  /** Share of batches sent first and left out of the durable rate: JIT, log segment and page-cache warm-up. */
  public static final double WARM_UP_SHARE = 0.05;
  private static final double NANOS_PER_SECOND = 1e9;

  /** Waits until a peer can search {@code expected} events. */
  @FunctionalInterface
  public interface Searchable {
    void await(long expected) throws IOException, InterruptedException;
  }

  /** Uploads the warm-up, then the rest, then waits for {@code searchable}. */
  public static WarmedUpload run(BatchUploader uploader, List<Path> batches, Searchable searchable)
      throws IOException, InterruptedException {
    int warmUp = (int) Math.ceil(batches.size() * WARM_UP_SHARE);
    long start = System.nanoTime();
    BatchUploader.Totals warm = uploader.upload(batches.subList(0, warmUp));
    long measuredStart = System.nanoTime();
    BatchUploader.Totals measured = uploader.upload(batches.subList(warmUp, batches.size()));
    long lastAck = System.nanoTime();
    searchable.await(warm.events() + measured.events());
    return new WarmedUpload(warm, measured, warmUp, start, measuredStart, lastAck, System.nanoTime());
  }

  /**
   * The figures of this upload.
   *
   * @param measuredBytes raw bytes of the measured batches
   * @param rejectedBefore events refused before upload (e.g. lines a peer's preparation could not decode)
   */
  public IngestFigures figures(long measuredBytes, long rejectedBefore) {
    return new IngestFigures(measured.events(), measuredBytes, (lastAckNanos - measuredStartNanos) / NANOS_PER_SECOND,
        warm.events() + measured.events(), (searchableNanos - startNanos) / NANOS_PER_SECOND,
        (searchableNanos - lastAckNanos) / NANOS_PER_SECOND, rejectedBefore + warm.rejected() + measured.rejected());
  }
}
