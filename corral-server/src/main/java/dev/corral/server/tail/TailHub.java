package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Fans durable batches out to the live tails. {@link #publish} runs on the write-ahead log's
 * writer thread after each fsync, so it only hands the batch to each subscriber's bounded queue:
 * it never blocks, filters or allocates per event, and its cost is one queue offer per subscriber.
 * At most {@link TailLimits#maxSubscribers()} subscriptions are open at once. Thread-safe.
 */
public final class TailHub implements AutoCloseable {
  /** How often a subscriber is sent a message: smooth to watch, cheap to send. */
  public static final Duration TICK = Duration.ofMillis(250);

  private final TailLimits limits;
  private final DoubleSupplier receivedPerSecond;
  private final CopyOnWriteArrayList<TailSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final LongSupplier clock;
  private boolean closed;

  /** @param receivedPerSecond the rate of all durable events, reported in every message */
  public TailHub(TailLimits limits, DoubleSupplier receivedPerSecond) {
    this(limits, receivedPerSecond, System::nanoTime);
  }

  /** @param clock monotonic nanoseconds for rate limits, rates and tick deadlines */
  TailHub(TailLimits limits, DoubleSupplier receivedPerSecond, LongSupplier clock) {
    this.limits = limits;
    this.receivedPerSecond = receivedPerSecond;
    this.clock = clock;
  }

  /**
   * Opens a tail of the events {@code filter} matches, from the next durable batch on. The caller
   * must {@link TailSubscription#close() close} it.
   *
   * @throws TailBusyException when {@link TailLimits#maxSubscribers()} tails are open
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized TailSubscription subscribe(Predicate<LogEvent> filter) throws TailBusyException {
    if (closed) {
      throw new IllegalStateException("the server is stopping; no new live tails");
    }
    if (subscriptions.size() >= limits.maxSubscribers()) {
      throw new TailBusyException(subscriptions.size(), limits.maxSubscribers());
    }
    TailSubscription[] self = new TailSubscription[1];
    self[0] = new TailSubscription(filter, limits, receivedPerSecond, () -> subscriptions.remove(self[0]), clock);
    subscriptions.add(self[0]);
    return self[0];
  }

  /** Hands a durable batch to every open tail; never blocks. Called in WAL order by one thread. */
  public void publish(EventBatch batch) {
    if (batch.size() == 0) {
      return;
    }
    for (TailSubscription subscription : subscriptions) {
      if (!subscription.offer(batch)) {
        dropped.addAndGet(batch.size());
      }
    }
  }

  /** Tails open now. */
  public int subscribers() {
    return subscriptions.size();
  }

  /** Events dropped for tails that had fallen behind, summed over every tail since start. */
  public long droppedEvents() {
    return dropped.get();
  }

  /** Closes every open tail (their streams end) and refuses new ones. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    for (TailSubscription subscription : subscriptions) {
      subscription.close();
    }
  }
}
