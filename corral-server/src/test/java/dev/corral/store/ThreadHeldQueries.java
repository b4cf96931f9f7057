package dev.corral.store;

import java.util.concurrent.CountDownLatch;

/**
 * Holds every store query run on a thread whose name starts with a prefix (e.g. the alerts' query
 * lane, {@code corral-query-alerts-}) between taking its snapshot and executing, until {@link
 * #release()} (through the {@link StoreSearcher#afterSnapshot} seam): slow queries made by latches
 * instead of by time. Queries on other threads run as usual.
 */
public final class ThreadHeldQueries implements AutoCloseable {
  private final LogStore store;
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  public ThreadHeldQueries(LogStore store, String threadPrefix) {
    this.store = store;
    store.searcher().afterSnapshot = snapshots -> {
      if (Thread.currentThread().getName().startsWith(threadPrefix)) {
        holding.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** Returns once a query of the prefix's threads is held. */
  public void awaitHolding() throws InterruptedException {
    holding.await();
  }

  /** Lets every held query, and every later one, run. */
  public void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
    store.searcher().afterSnapshot = snapshots -> {};
  }
}
