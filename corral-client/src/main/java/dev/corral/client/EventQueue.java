package dev.corral.client;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue between the logging threads and the sender. {@link #offer} never blocks and never fails:
 * when the queue holds {@code capacity} events it applies the {@link DropPolicy} and counts the dropped event
 * by level in {@link #drops()}. So every event offered is, exactly once, either taken by {@link #drainTo} or
 * counted as dropped (or still queued).
 *
 * <p>Any number of threads may offer; one consumer (the sender thread) drains. DEBUG/TRACE events wait in a
 * queue of their own so that {@link DropPolicy#DROP_DEBUG_FIRST} can evict one in constant time; the two share
 * one capacity. When {@link #offer} fills the queue to the sender's batch size it wakes the sender.
 */
public final class EventQueue {
  private final Queue<LogEvent> important = new ConcurrentLinkedQueue<>();
  private final Queue<LogEvent> verbose = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private final int wakeAt;
  private final DropPolicy policy;
  private final DropCounts drops = new DropCounts();
  private volatile Thread consumer;

  /**
   * @param wakeAt the queue size at which the consumer is woken (its batch size)
   */
  public EventQueue(int capacity, DropPolicy policy, int wakeAt) {
    if (capacity < 1 || wakeAt < 1) {
      throw new IllegalArgumentException("queue capacity " + capacity + " and wake-up size " + wakeAt
          + " must be at least 1");
    }
    this.capacity = capacity;
    this.policy = policy;
    this.wakeAt = Math.min(wakeAt, capacity);
  }

  /** The thread {@link #offer} unparks when a batch is ready (the sender registers itself). */
  void consumer(Thread thread) {
    this.consumer = thread;
  }

  /**
   * Queues {@code event}, or drops an event by the policy when full. Never blocks.
   *
   * @return false when {@code event} itself was dropped
   */
  public boolean offer(LogEvent event) {
    int before = size.getAndIncrement();
    if (before < capacity) {
      (event.verbose() ? verbose : important).add(event);
      if (before + 1 == wakeAt) {
        wakeConsumer();
      }
      return true;
    }
    size.getAndDecrement();
    if (policy == DropPolicy.DROP_DEBUG_FIRST && !event.verbose()) {
      LogEvent evicted = verbose.poll();
      if (evicted != null) {
        important.add(event);
        drops.count(evicted.level());
        return true;
      }
    }
    drops.count(event.level());
    return false;
  }

  /**
   * Counts an event of {@code level} as dropped, without it being built, when the queue is full and the policy
   * would drop it anyway: the cheap path of a log call while Corral is away. A moment's view: when it answers
   * false the event may still be dropped by {@link #offer}.
   *
   * @return true when the event was counted as dropped
   */
  public boolean dropIfFull(String level) {
    if (size.get() < capacity) {
      return false;
    }
    if (policy == DropPolicy.DROP_DEBUG_FIRST && !LogEvent.verbose(level) && !verbose.isEmpty()) {
      return false;
    }
    drops.count(level);
    return true;
  }

  /** Moves up to {@code max} queued events to {@code batch}, the INFO-and-above ones first. Consumer only. */
  int drainTo(List<LogEvent> batch, int max) {
    int taken = drain(important, batch, max);
    taken += drain(verbose, batch, max - taken);
    return taken;
  }

  private int drain(Queue<LogEvent> from, List<LogEvent> batch, int max) {
    int taken = 0;
    LogEvent event;
    while (taken < max && (event = from.poll()) != null) {
      batch.add(event);
      size.getAndDecrement();
      taken++;
    }
    return taken;
  }

  /** Events queued now (a moment's view). */
  public int size() {
    return Math.max(0, Math.min(size.get(), capacity));
  }

  public DropCounts drops() {
    return drops;
  }

  private void wakeConsumer() {
    Thread thread = consumer;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
