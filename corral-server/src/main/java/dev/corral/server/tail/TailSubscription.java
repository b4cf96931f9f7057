package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.server.ingest.RateMeter;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * One live tail: durable batches queue up here ({@link #offer}, from the hub, never blocking) and
 * the subscriber's own thread turns them into one {@link TailMessage} per tick ({@link #next}):
 * it filters each event, keeps a uniform sample within the rate limit (a token bucket refilled at
 * {@link TailLimits#maxEventsPerSecond()}, holding at most one tick's worth) and counts the rest
 * as skipped.
 *
 * <p>The queue is bounded by events, not batches: when {@value #MAX_QUEUED_EVENTS} events are
 * already waiting, a new batch is dropped and counted (a batch always fits into an empty queue).
 * So a slow subscriber or a slow client costs bounded memory and never slows ingest.
 *
 * <p>Thread-safety: {@link #offer} is called by one publishing thread, {@link #next} by one
 * subscriber thread; {@link #close} by anyone.
 */
public final class TailSubscription implements AutoCloseable {
  /**
   * Events waiting for one subscriber beyond which new batches are dropped: a couple of seconds of
   * a busy server, a few MiB that the store holds anyway while it indexes them.
   */
  static final int MAX_QUEUED_EVENTS = 10_000;
  /** Rates are averaged over this many seconds: steady enough to read, quick to follow a burst. */
  static final int RATE_WINDOW_SECONDS = 2;
  /** Events filtered between two yields, so a long batch does not hold a carrier thread. */
  private static final int EVENTS_PER_YIELD = 1024;
  /** Wakes the subscriber thread when the subscription closes. */
  private static final EventBatch CLOSED = EventBatch.encode(List.of());

  private final Predicate<LogEvent> filter;
  private final double maxPerSecond;
  private final double maxPerTick;
  private final DoubleSupplier receivedPerSecond;
  private final Runnable onClose;
  private final LinkedBlockingQueue<EventBatch> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedEvents = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final LongSupplier clock;
  private final RateMeter matched;
  private final EventReservoir reservoir = new EventReservoir(ThreadLocalRandom.current().nextLong());
  private volatile boolean closed;
  private double tokens;
  private long lastRefillNanos;

  /** @param clock monotonic nanoseconds, {@code System::nanoTime} outside tests */
  TailSubscription(Predicate<LogEvent> filter, TailLimits limits, DoubleSupplier receivedPerSecond, Runnable onClose,
      LongSupplier clock) {
    this.filter = filter;
    this.clock = clock;
    this.matched = new RateMeter(RATE_WINDOW_SECONDS, clock);
    this.lastRefillNanos = clock.getAsLong();
    this.maxPerSecond = limits.maxEventsPerSecond();
    this.maxPerTick = Math.max(1, maxPerSecond * TailHub.TICK.toNanos() / 1e9);
    this.tokens = maxPerTick;
    this.receivedPerSecond = receivedPerSecond;
    this.onClose = onClose;
  }

  /**
   * Queues a durable batch without blocking, or drops it (counted) when this subscriber is too far
   * behind; ignores it once closed.
   *
   * @return false when the batch was dropped because this subscriber is behind
   */
  boolean offer(EventBatch batch) {
    if (closed) {
      return true;
    }
    long waiting = queuedEvents.get();
    if (waiting > 0 && waiting + batch.size() > MAX_QUEUED_EVENTS) {
      dropped.addAndGet(batch.size());
      return false;
    }
    queuedEvents.addAndGet(batch.size());
    queue.offer(batch);
    return true;
  }

  /**
   * Filters and samples the batches arriving until {@code deadlineNanos} (on the hub's clock,
   * {@link System#nanoTime()})
   * and those already queued then, or until the subscription closes; returns what to send for
   * this tick.
   */
  public TailMessage next(long deadlineNanos) throws InterruptedException {
    reservoir.reset((int) refill());
    long matching = 0;
    long late = 0;
    while (!closed && late < MAX_QUEUED_EVENTS) { // past the deadline, take what is queued, not a stream without end
      long wait = deadlineNanos - clock.getAsLong();
      EventBatch batch = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (batch == null || batch == CLOSED) {
        break;
      }
      queuedEvents.addAndGet(-batch.size());
      matching += scan(batch);
      if (wait <= 0) {
        late += batch.size();
      }
    }
    List<TailedEvent> events = reservoir.drain();
    tokens -= events.size();
    long droppedNow = dropped.getAndSet(0);
    return new TailMessage(events, matching - events.size() + droppedNow, droppedNow,
        matched.perSecond(RATE_WINDOW_SECONDS), receivedPerSecond.getAsDouble());
  }

  /** Offers the matching events of a batch to the sample; returns how many matched. */
  private long scan(EventBatch batch) {
    long matching = 0;
    List<LogEvent> events = batch.events();
    for (int i = 0; i < events.size(); i++) {
      if (filter.test(events.get(i))) {
        reservoir.offer(batch, i);
        matching++;
      }
      if (i % EVENTS_PER_YIELD == EVENTS_PER_YIELD - 1) {
        Thread.yield();
      }
    }
    matched.record(matching);
    return matching;
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
    queue.offer(CLOSED);
    onClose.run();
  }
}
