package dev.corral.store;

import static dev.corral.store.StoreTesting.all;

import dev.corral.store.search.QueryResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query over every event that has acquired its partitions and waits, between taking its snapshot
 * and executing, until {@link #release()} (through the {@link StoreSearcher#afterSnapshot} seam): a
 * long query, held by latches instead of by time.
 */
final class HeldQuery {
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final CompletableFuture<QueryResult> result;

  private HeldQuery(LogStore store) {
    AtomicBoolean first = new AtomicBoolean(true);
    store.searcher().afterSnapshot = snapshots -> {
      if (first.compareAndSet(true, false)) {
        holding.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    result = CompletableFuture.supplyAsync(() -> {
      try {
        return all(store);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  /** Starts the query and returns once it holds its partitions. */
  static HeldQuery start(LogStore store) throws InterruptedException {
    HeldQuery query = new HeldQuery(store);
    query.holding.await();
    return query;
  }

  boolean isDone() {
    return result.isDone();
  }

  /** Lets the query execute and returns its result. */
  QueryResult release() throws Exception {
    released.countDown();
    return result.get();
  }
}
