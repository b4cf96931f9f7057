package dev.corral.store;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A compaction of one partition that a caller started or joined ({@link PartitionLifecycle#startCompaction}):
 * {@link #joined()} says which. Every caller of the same compaction gets the same outcome.
 * Thread-safe.
 */
public final class CompactionTicket {
  private final LocalDate day;
  private final boolean joined;
  private final CompletableFuture<CompactionOutcome> result;

  CompactionTicket(LocalDate day, boolean joined, CompletableFuture<CompactionOutcome> result) {
    this.day = day;
    this.joined = joined;
    this.result = result;
  }

  /** The day of the partition being compacted. */
  public LocalDate day() {
    return day;
  }

  /** Whether the caller joined a compaction of the partition that was already queued or running. */
  public boolean joined() {
    return joined;
  }

  /** Whether the compaction has ended (done or failed). */
  public boolean isDone() {
    return result.isDone();
  }

  /**
   * Waits for the outcome, as this caller sees it ({@link CompactionOutcome#joined()} is
   * {@link #joined()}).
   *
   * @throws StoreException when the store closed before or during the compaction (it is redone when
   *     the store opens), or stopped taking writes
   * @throws IOException another error of the compaction
   * @throws InterruptedException when the waiting thread is interrupted; the compaction goes on
   */
  public CompactionOutcome await() throws IOException, InterruptedException {
    try {
      CompactionOutcome outcome = result.get();
      return joined ? outcome.asJoined() : outcome;
    } catch (ExecutionException e) {
      throw Compactions.asIOException(e.getCause());
    } catch (CancellationException e) {
      throw new StoreException("compaction of " + day + " was cancelled: the store is closing", e);
    }
  }
}
