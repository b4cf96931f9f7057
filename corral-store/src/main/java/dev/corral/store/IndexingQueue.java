package dev.corral.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIFO of submitted WAL records and the indexer threads that drain it.
 *
 * <p>The invariant the commit round relies on (design.md): an indexer holds the read side of
 * {@link #applyLock()} from the moment it dequeues a record until it has applied it. The queue is
 * FIFO in WAL order, so whoever holds the write side sees a set of applied records that is exactly
 * a prefix of the WAL, ending at {@link #appliedUpTo()}.
 *
 * <p>Thread-safety: {@link #add} is called by one submitting thread at a time (the store
 * serializes it); everything else may be called from any thread.
 */
final class IndexingQueue {
  private static final Logger log = LoggerFactory.getLogger(IndexingQueue.class);

  private final ConcurrentLinkedQueue<SubmittedBatch> queue = new ConcurrentLinkedQueue<>();
  /** One permit per queued record, plus one per thread when stopping. */
  private final Semaphore available = new Semaphore(0);
  private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
  private final AtomicLong appliedUpTo;
  private final AtomicLong pendingEvents = new AtomicLong();
  private final Object progress = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private final Consumer<Throwable> onFailure;
  private volatile boolean stopping;
  private volatile boolean halted;
  private volatile boolean failed;

  /**
   * Starts {@code threadCount} indexer threads named {@code corral-indexer-N}.
   *
   * @param appliedFrom the WAL position everything below is already durable (the checkpoint)
   * @param onFailure told of an error that stops indexing; called while the failing thread still
   *     holds the read lock, so no commit round can start before it has returned
   */
  IndexingQueue(int threadCount, long appliedFrom, Partitions partitions, int maxKeywordBytes,
      Consumer<Throwable> onFailure) {
    this.appliedUpTo = new AtomicLong(appliedFrom);
    this.onFailure = onFailure;
    for (int i = 0; i < threadCount; i++) {
      BatchIndexer indexer = new BatchIndexer(partitions, maxKeywordBytes);
      Thread thread = new Thread(() -> run(indexer), "corral-indexer-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  void add(SubmittedBatch batch) {
    pendingEvents.addAndGet(batch.batch().size());
    queue.add(batch);
    available.release();
  }

  /** Events submitted but not yet added to a Lucene writer. */
  long pendingEvents() {
    return pendingEvents.get();
  }

  /** See the class comment. */
  ReentrantReadWriteLock applyLock() {
    return applyLock;
  }

  /** The end of the applied WAL prefix; exact only under the write side of {@link #applyLock()}. */
  long appliedUpTo() {
    return appliedUpTo.get();
  }

  /** Stops applying records after a failure; queued ones are dropped (the WAL still has them). */
  void markFailed() {
    failed = true;
  }

  private void run(BatchIndexer indexer) {
    Lock read = applyLock.readLock();
    while (!halted) {
      try {
        available.acquire();
      } catch (InterruptedException e) {
        return;
      }
      if (halted) {
        return;
      }
      SubmittedBatch batch = null;
      read.lock();
      try {
        batch = queue.poll();
        if (batch == null) {
          if (stopping) {
            return;
          }
          throw new IllegalStateException("BUG: indexer woke to an empty queue");
        }
        if (!failed) {
          indexer.apply(batch);
          appliedUpTo.accumulateAndGet(batch.nextPosition(), Math::max);
        }
      } catch (IOException | RuntimeException | Error e) {
        failed = true;
        log.atError().setCause(e).addKeyValue("position", batch == null ? -1 : batch.position()).log("indexing failed");
        onFailure.accept(e);
      } finally {
        read.unlock();
        if (batch != null) {
          pendingEvents.addAndGet(-batch.batch().size());
        }
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    }
  }

  /**
   * Waits until every record with sequence {@code <= sequence} is applied (or dropped after a
   * failure), or the timeout passes.
   *
   * @return whether they are
   */
  boolean awaitApplied(long sequence, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Lock write = applyLock.writeLock();
      write.lock();
      boolean done;
      try {
        SubmittedBatch head = queue.peek();
        done = head == null || head.sequence() > sequence; // no record in flight under the write lock
      } finally {
        write.unlock();
      }
      long left = deadline - System.nanoTime();
      if (done || left <= 0 || halted) {
        return done;
      }
      synchronized (progress) {
        progress.wait(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  /** Lets the threads drain every queued record, then stops them and waits for them to end. */
  void drainAndStop() throws InterruptedException {
    stopping = true;
    available.release(threads.size());
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Stops the threads after their current record, leaving the queue as it is (a simulated crash). */
  void halt() throws InterruptedException {
    halted = true;
    available.release(threads.size());
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
