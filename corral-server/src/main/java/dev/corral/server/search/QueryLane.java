package dev.corral.server.search;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One lane of queries: a pool of named platform threads ({@code corral-query[-name]-N}), so that
 * CPU-heavy queries never occupy the virtual-thread carriers that serve ingest, running at most
 * {@code threads} queries at once with at most {@code queued} waiting; beyond that {@link #submit}
 * refuses with {@link QueryBusyException}. A lane's queries never take another lane's threads.
 * Thread-safe.
 */
final class QueryLane implements AutoCloseable {
  private final String name;
  private final String settings;
  private final ThreadPoolExecutor executor;

  /**
   * @param name the lane, as reported ({@code normal}, {@code expensive})
   * @param threadPrefix prefix of the thread names, e.g. {@code corral-query-}
   * @param settings the settings that size it, for the busy message
   */
  QueryLane(String name, String threadPrefix, int threads, int queued, String settings) {
    this.name = name;
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    BlockingQueue<Runnable> line = queued == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queued);
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, line, task -> {
      Thread thread = new Thread(task, threadPrefix + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts or queues a query. */
  <T> Future<T> submit(Callable<T> query) throws QueryBusyException {
    try {
      return executor.submit(query);
    } catch (RejectedExecutionException e) {
      throw new QueryBusyException(name, executor.getActiveCount(), executor.getQueue().size(), settings);
    }
  }

  /** The lane's name, as reported ({@code normal}, {@code expensive}). */
  String name() {
    return name;
  }

  /** What the lane holds now. */
  QueryLoad load() {
    return new QueryLoad(name, executor.getActiveCount(), executor.getQueue().size());
  }

  /** Interrupts the running queries and cancels the waiting ones, so that no caller waits forever. */
  @Override
  public void close() {
    for (Runnable waiting : executor.shutdownNow()) {
      if (waiting instanceof Future<?> query) {
        query.cancel(false);
      }
    }
  }
}
