package dev.corral.store;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the compactions of a store one at a time, and at most one per partition (design.md,
 * tiers).
 *
 * <p>Per partition: a request for a day whose compaction is queued or running joins it — it gets
 * that compaction's outcome instead of doing the work again (the API, the lifecycle and the resume
 * of interrupted compactions all come through here). A request arriving after the compaction has
 * finished starts a new one.
 *
 * <p>Across partitions: compactions run in arrival order on one platform thread,
 * {@code corral-compactor}. A forced merge keeps one core busy and needs up to the partition's
 * size again in transient disk space; two at once would take both cores of a small host from
 * ingest and double the transient space, and the lifecycle only has one day a day to compact.
 * Other work that must not interleave with a compaction (closing a warm writer) runs on the same
 * thread through {@link #runExclusive}.
 *
 * <p>Thread-safety: every method may be called from any thread. The work itself runs on the
 * compactor thread only, so waiting callers may be interrupted without interrupting Lucene I/O.
 */
final class Compactions {
  private final ExecutorService compactor = Executors.newSingleThreadExecutor(DaemonThreads.named("corral-compactor"));
  private final Map<LocalDate, CompletableFuture<CompactionOutcome>> queuedOrRunning = new ConcurrentHashMap<>();
  private volatile boolean closing;

  /**
   * Queues {@code work} as the compaction of {@code day}, or joins the one already queued or
   * running for that day. Returns at once.
   *
   * @throws StoreException when the store is closing
   */
  CompactionTicket submit(LocalDate day, Callable<CompactionOutcome> work) throws StoreException {
    CompletableFuture<CompactionOutcome> mine = new CompletableFuture<>();
    CompletableFuture<CompactionOutcome> existing;
    synchronized (this) {
      checkOpen();
      existing = queuedOrRunning.putIfAbsent(day, mine);
      if (existing == null) {
        compactor.execute(() -> run(day, mine, work));
      }
    }
    return existing == null ? new CompactionTicket(day, false, mine) : new CompactionTicket(day, true, existing);
  }

  private void run(LocalDate day, CompletableFuture<CompactionOutcome> result, Callable<CompactionOutcome> work) {
    try {
      if (closing) {
        throw new StoreException("compaction of " + day + " was not started: the store is closing");
      }
      CompactionOutcome outcome = work.call();
      queuedOrRunning.remove(day, result); // before completing: a request from now on starts afresh
      result.complete(outcome);
    } catch (Throwable e) {
      queuedOrRunning.remove(day, result);
      result.completeExceptionally(e);
    }
  }

  /**
   * Runs {@code task} on the compactor thread, between compactions, and waits for it.
   *
   * @throws StoreException when the store is closing
   */
  <T> T runExclusive(Callable<T> task) throws IOException, InterruptedException {
    CompletableFuture<T> result = new CompletableFuture<>();
    synchronized (this) {
      checkOpen();
      compactor.execute(() -> {
        try {
          if (closing) {
            throw new StoreException("the store is closing: the task was not run");
          }
          result.complete(task.call());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      });
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw asIOException(e.getCause());
    }
  }

  /**
   * Refuses new compactions; queued ones end with a {@link StoreException} when their turn comes
   * instead of starting. The running one goes on until it ends or its partition closes.
   */
  synchronized void stopAccepting() {
    closing = true;
    compactor.shutdown();
  }

  /**
   * Waits until the compactor thread has finished (after {@link #stopAccepting}); the caller has
   * closed the partitions, which aborts a running merge.
   *
   * @return whether it finished within {@code timeoutMillis}
   */
  boolean awaitStopped(long timeoutMillis) throws InterruptedException {
    return compactor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Waits until every compaction queued so far has ended. Tests only. */
  void awaitIdle() throws IOException, InterruptedException {
    runExclusive(() -> null);
  }

  private void checkOpen() throws StoreException {
    if (closing) {
      throw new StoreException("the store is closing: no compaction is started");
    }
  }

  /** {@code cause} as the checked exception to rethrow; unchecked ones are thrown as they are. */
  static IOException asIOException(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
