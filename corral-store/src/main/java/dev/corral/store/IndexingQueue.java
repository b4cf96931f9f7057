package dev.corral.store;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * <p>Open writers (design.md, "Open files"): an indexer applies the head record alongside others
 * (read side) when it can reserve a writer slot for each day of the record without an open writer
 * ({@link WriterSlots#tryReserve}); otherwise it applies it alone: it takes {@link #roundLock()} and
 * the write side, so no other record is in flight and no commit round is half done, and may then
 * close writers through commits. Records are claimed one at a time (the {@code claims} monitor), so
 * the head cannot change between that decision and the dequeue, and FIFO order holds either way.
 * Lock order: {@code claims} → {@link #roundLock()} → {@link #applyLock()}; no one holding the read
 * side waits for another lock.
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
  /** Held by a commit round from start to end, and by an indexer applying a record alone. */
  private final ReentrantLock roundLock = new ReentrantLock();
  /** Serializes the choice between applying alongside others and alone, and the dequeue. */
  private final Object claims = new Object();
  private final Partitions partitions;
  private final AtomicLong appliedUpTo;
  private final AtomicLong pendingEvents = new AtomicLong();
  private final Object progress = new Object();
  private final List<Thread> threads = new ArrayList<>();
  /** While set, records are dropped, not applied (the WAL still has them). */
  private final StoreFailure failure;
  private volatile boolean stopping;
  private volatile boolean halted;

  /**
   * Starts {@code threadCount} indexer threads named {@code corral-indexer-N}.
   *
   * @param appliedFrom the WAL position everything below is already durable (the checkpoint)
   * @param failure the store's failure state: set by an indexer whose record fails to apply, while it
   *     still holds the read lock (so no commit round can start before it is set); while set, queued
   *     records are dropped
   */
  IndexingQueue(int threadCount, long appliedFrom, Partitions partitions, int maxKeywordBytes, StoreFailure failure) {
    this.appliedUpTo = new AtomicLong(appliedFrom);
    this.failure = failure;
    this.partitions = partitions;
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

  /** How long the oldest record still waiting for an indexer has waited, in nanoseconds; 0 when none waits. */
  long oldestWaitNanos() {
    SubmittedBatch head = queue.peek();
    return head == null ? 0 : Math.max(0, System.nanoTime() - head.submittedNanos());
  }

  /** See the class comment. */
  ReentrantReadWriteLock applyLock() {
    return applyLock;
  }

  /**
   * Held by whoever must not interleave with a commit round: the round itself (from its first to its
   * last step) and an indexer applying a record alone. Take it before the write side of
   * {@link #applyLock()}.
   */
  ReentrantLock roundLock() {
    return roundLock;
  }

  /** The end of the applied WAL prefix; exact only under the write side of {@link #applyLock()}. */
  long appliedUpTo() {
    return appliedUpTo.get();
  }

  /**
   * Starts the applied prefix again at {@code from} (the checkpoint the store rolled back to), for a
   * recovery; records are applied again once the failure is cleared. Caller holds the write side of
   * {@link #applyLock()} and every record submitted before was dropped ({@link #awaitApplied}).
   */
  void resume(long from) {
    appliedUpTo.set(from);
  }

  private void run(BatchIndexer indexer) {
    while (!halted) {
      try {
        available.acquire();
      } catch (InterruptedException e) {
        return;
      }
      if (halted) {
        return;
      }
      Claim claim = claim();
      if (claim == null) {
        return;
      }
      SubmittedBatch batch = claim.batch();
      try {
        if (!failure.isStopped()) {
          indexer.apply(batch, claim.alone());
          appliedUpTo.accumulateAndGet(batch.nextPosition(), Math::max);
        }
      } catch (IOException | RuntimeException | Error e) {
        // the store logs the cause with its stack trace once (not at every recovery attempt)
        log.atError().addKeyValue("position", batch.position()).addKeyValue("reason", e.toString()).log("indexing failed");
        failure.fail(e);
      } finally {
        release(claim);
        pendingEvents.addAndGet(-batch.batch().size());
        synchronized (progress) {
          progress.notifyAll();
        }
      }
    }
  }

  /** A dequeued record, the locks its indexer holds and the writer slots it reserved. */
  private record Claim(SubmittedBatch batch, boolean alone, int reservedWriters) {}

  /**
   * Dequeues the head record under the read side of the apply lock when writer slots can be
   * reserved for it, else under the round lock and the write side (see the class comment).
   *
   * @return null when the queue is empty because the threads are stopping
   */
  private Claim claim() {
    synchronized (claims) {
      applyLock.readLock().lock();
      SubmittedBatch head = queue.peek();
      if (head == null) {
        applyLock.readLock().unlock();
        if (stopping) {
          return null;
        }
        throw new IllegalStateException("BUG: indexer woke to an empty queue");
      }
      int needed = failure.isStopped() ? 0 : writersToOpen(head);
      if (partitions.writerSlots().tryReserve(needed)) {
        queue.poll();
        return new Claim(head, false, needed);
      }
      applyLock.readLock().unlock();
      roundLock.lock();
      applyLock.writeLock().lock();
      queue.poll();
      return new Claim(head, true, 0);
    }
  }

  private void release(Claim claim) {
    partitions.writerSlots().release(claim.reservedWriters());
    if (claim.alone()) {
      applyLock.writeLock().unlock();
      roundLock.unlock();
    } else {
      applyLock.readLock().unlock();
    }
  }

  /** Writers the record may open: its days whose partition has none and has not committed the record. */
  private int writersToOpen(SubmittedBatch batch) {
    int count = 0;
    for (long day : batch.days()) {
      DailyPartition partition = partitions.get(LocalDate.ofEpochDay(day));
      if (partition == null || (!partition.hasWriter() && batch.position() >= partition.committedPosition())) {
        count++;
      }
    }
    return count;
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
