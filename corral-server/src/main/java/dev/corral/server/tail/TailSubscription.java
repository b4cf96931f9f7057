package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.server.ingest.RateMeter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One live tail. Durable batches queue up here ({@link #offer}, from the hub, never blocking); the
 * hub's filter thread runs the filter over them ({@link #filterQueued}) within this tail's CPU
 * budget for the tick; the subscriber's own thread turns the result into one {@link TailMessage}
 * per tick ({@link #next}): a uniform sample of the matching events within the rate limit (a token
 * bucket refilled at {@link TailLimits#maxEventsPerSecond()}, holding at most one tick's worth),
 * the rest counted as skipped.
 *
 * <p>The budget: once the filter has spent this tick's share of the filter thread on this tail,
 * the rest of the tick's events are not examined; they are counted as skipped (and as
 * {@link TailMessage#overBudget()}). So a tail with a costly filter sees a sample of the stream,
 * and never slows ingest or the other tails.
 *
 * <p>The queue is bounded by events, not batches: when {@value #MAX_QUEUED_EVENTS} events are
 * already waiting, a new batch is dropped and counted (a batch always fits into an empty queue).
 * So a slow subscriber or a slow client costs bounded memory and never slows ingest.
 *
 * <p>Positions: a new subscription is held — batches queue up, none is filtered — until
 * {@link #goLive}{@code (from)}; from then on the batches whose record ends at or before
 * {@code from} are passed over (the caller replayed them from the write-ahead log, or they came
 * before the tail opened), so none is sent twice. Each message carries the position the tail has
 * accounted for ({@link TailMessage#position()}).
 *
 * <p>Thread-safety: {@link #offer} is called by one publishing thread, {@link #filterQueued} by
 * the one filter thread, {@link #next} by one subscriber thread; {@link #close} by anyone.
 */
public final class TailSubscription implements AutoCloseable {
  /**
   * Events waiting for one subscriber beyond which new batches are dropped: a couple of seconds of
   * a busy server, a few MiB that the store holds anyway while it indexes them.
   */
  static final int MAX_QUEUED_EVENTS = 10_000;
  /** Rates are averaged over this many seconds: steady enough to read, quick to follow a burst. */
  static final int RATE_WINDOW_SECONDS = 2;
  /** Events filtered between two reads of the clock: a clock read costs little next to 16 filter runs. */
  static final int EVENTS_PER_CLOCK_READ = 16;
  /**
   * Longest a tick's message waits, past its deadline, for the filter thread to finish the batches
   * queued by then (so a message covers what arrived before it): one tick, after which the rest
   * goes into the next message.
   */
  private static final long CATCH_UP_NANOS = TailHub.TICK.toNanos();

  private final String client;
  private final Predicate<LogEvent> filter;
  private final double maxPerSecond;
  private final double maxPerTick;
  private final DoubleSupplier receivedPerSecond;
  private final Runnable onClose;
  /** {@link #liveFrom} while the subscription is held: no batch is filtered. */
  private static final long HELD = Long.MAX_VALUE;

  private final ConcurrentLinkedQueue<PublishedBatch> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedEvents = new AtomicLong();
  /** Events ever queued, so a tick can wait for exactly those queued before its deadline. */
  private final AtomicLong queuedTotal = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final LongSupplier clock;
  private final RateMeter matched;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when the filter has caught up with {@link #catchUpTarget} and when the subscription closes. */
  private final Condition changed = lock.newCondition();
  /** Events ever filtered (or counted over budget). Guarded by lock. */
  private long filteredTotal;
  /** The {@link #queuedTotal} a waiting {@link #next} needs filtered; none waits at MAX_VALUE. Guarded by lock. */
  private long catchUpTarget = Long.MAX_VALUE;
  /** Guarded by lock, like the counters below. */
  private final EventReservoir reservoir = new EventReservoir(ThreadLocalRandom.current().nextLong());
  /** Matching events examined this tick. */
  private long matching;
  /** Events not examined this tick because the filter had used its budget. */
  private long overBudget;
  /** Filter time spent on this tail this tick, nanoseconds of the hub's clock. */
  private long spentNanos;
  /** The WAL position every record before which is accounted for. Guarded by lock. */
  private long position;
  /** Batches whose record ends at or before this are passed over; {@link #HELD} until {@link #goLive}. */
  private volatile long liveFrom = HELD;
  private double tokens;
  private long lastRefillNanos;
  private volatile boolean closed;

  /**
   * @param client who opened it (an address until API keys exist), for the per-client limit
   * @param clock monotonic nanoseconds, {@code System::nanoTime} outside tests
   */
  TailSubscription(String client, Predicate<LogEvent> filter, TailLimits limits, DoubleSupplier receivedPerSecond,
      Runnable onClose, LongSupplier clock) {
    this.client = client;
    this.filter = filter;
    this.clock = clock;
    this.matched = new RateMeter(RATE_WINDOW_SECONDS, clock);
    this.lastRefillNanos = clock.getAsLong();
    this.maxPerSecond = limits.maxEventsPerSecond();
    this.maxPerTick = Math.max(1, maxPerSecond * TailHub.TICK.toNanos() / 1e9);
    this.tokens = maxPerTick;
    this.receivedPerSecond = receivedPerSecond;
    this.onClose = onClose;
    reservoir.reset((int) maxPerTick);
  }

  /** Who opened this tail. */
  String client() {
    return client;
  }

  /** What this tail matches; a replay from the write-ahead log matches with it too. */
  Predicate<LogEvent> filter() {
    return filter;
  }

  /**
   * Queues a durable batch without blocking, or drops it (counted) when this subscriber is too far
   * behind; ignores it once closed.
   *
   * @return false when the batch was dropped because this subscriber is behind
   */
  boolean offer(PublishedBatch published) {
    if (closed) {
      return true;
    }
    int size = published.batch().size();
    long waiting = queuedEvents.get();
    if (waiting > 0 && waiting + size > MAX_QUEUED_EVENTS) {
      dropped.addAndGet(size);
      return false;
    }
    queuedEvents.addAndGet(size);
    queuedTotal.addAndGet(size);
    queue.offer(published);
    return true;
  }

  /**
   * Starts filtering: the batches queued and to come whose record ends after {@code from} are
   * filtered, the others passed over; the messages' positions start at {@code from}. Called once,
   * by the subscriber's thread, before {@link #next}.
   *
   * @param from a WAL position up to which the caller has accounted for everything (the log's end
   *     read after this subscription opened, after any replay)
   */
  public void goLive(long from) {
    lock.lock();
    try {
      position = Math.max(position, from);
    } finally {
      lock.unlock();
    }
    liveFrom = from;
  }

  /** What to send for events replayed from the write-ahead log up to {@code position}, with the current rates. */
  TailMessage replayed(List<TailedEvent> events, long position) {
    return new TailMessage(events, 0, 0, 0, matched.perSecond(RATE_WINDOW_SECONDS), receivedPerSecond.getAsDouble(),
        position);
  }

  /**
   * Runs the filter over the queued batches, spending at most {@code budgetNanos} (on the hub's
   * clock) on this tail in the current tick; events beyond the budget are counted, not examined.
   * Called by the hub's filter thread only.
   *
   * @return whether there was anything to filter
   */
  boolean filterQueued(long budgetNanos) {
    long from = liveFrom;
    if (from == HELD) {
      return false;
    }
    boolean worked = false;
    PublishedBatch published;
    while (!closed && (published = queue.poll()) != null) {
      worked = true;
      int size = published.batch().size();
      lock.lock();
      try {
        if (published.nextPosition() > from) {
          scan(published.batch(), budgetNanos);
          position = Math.max(position, published.nextPosition());
        }
        queuedEvents.addAndGet(-size);
        filteredTotal += size;
        if (filteredTotal >= catchUpTarget) {
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
    return worked;
  }

  /** Offers the matching events of a batch to the sample, within the budget. Holds the lock. */
  private void scan(EventBatch batch, long budgetNanos) {
    List<LogEvent> events = batch.events();
    long matchingHere = 0;
    long since = clock.getAsLong();
    int i = 0;
    for (; i < events.size(); i++) {
      if (i % EVENTS_PER_CLOCK_READ == 0) {
        long now = clock.getAsLong();
        spentNanos += now - since;
        since = now;
        if (spentNanos >= budgetNanos) {
          break;
        }
      }
      if (filter.test(events.get(i))) {
        reservoir.offer(batch, i);
        matchingHere++;
      }
    }
    spentNanos += clock.getAsLong() - since;
    overBudget += events.size() - i;
    matching += matchingHere;
    matched.record(matchingHere);
  }

  /**
   * Waits until {@code deadlineNanos} (on the hub's clock, {@link System#nanoTime()}), then,
   * briefly, for the filter thread to finish the batches queued by then, or until the
   * subscription closes; returns what to send for this tick and starts the next one.
   */
  public TailMessage next(long deadlineNanos) throws InterruptedException {
    lock.lock();
    try {
      long wait;
      while (!closed && (wait = deadlineNanos - clock.getAsLong()) > 0) {
        changed.awaitNanos(wait);
      }
      catchUpTarget = queuedTotal.get();
      long catchUp = CATCH_UP_NANOS;
      while (!closed && filteredTotal < catchUpTarget && catchUp > 0) {
        catchUp = changed.awaitNanos(catchUp);
      }
      catchUpTarget = Long.MAX_VALUE;
      List<TailedEvent> events = reservoir.drain((int) refill());
      tokens -= events.size();
      long droppedNow = dropped.getAndSet(0);
      TailMessage message = new TailMessage(events, matching - events.size() + overBudget + droppedNow, droppedNow,
          overBudget, matched.perSecond(RATE_WINDOW_SECONDS), receivedPerSecond.getAsDouble(), position);
      matching = 0;
      overBudget = 0;
      spentNanos = 0;
      reservoir.reset((int) maxPerTick);
      return message;
    } finally {
      lock.unlock();
    }
  }

  /** Adds the tokens earned since the last refill, up to one tick's worth; returns the whole ones. */
  private double refill() {
    long now = clock.getAsLong();
    tokens = Math.min(maxPerTick, tokens + maxPerSecond * (now - lastRefillNanos) / 1e9);
    lastRefillNanos = now;
    return Math.floor(tokens);
  }

  /** Whether the subscription still receives events. */
  public boolean isOpen() {
    return !closed;
  }

  /** Stops receiving, wakes the subscriber thread and frees the hub slot. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    onClose.run();
  }
}
