package dev.corral.server.tail;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans durable batches out to the live tails and filters them for every tail on one thread.
 *
 * <p>{@link #publish} runs on the write-ahead log's writer thread after each fsync, so it only
 * hands the batch to each subscriber's bounded queue and wakes the filter thread: it never blocks,
 * filters or allocates per event.
 *
 * <p>Filtering runs on one platform thread, {@value #FILTER_THREAD_NAME}, at the lowest priority,
 * never on the virtual threads that carry ingest and queries. Each tail gets a CPU budget per
 * tick, {@link #budgetPerTail}: {@value #FILTER_SHARE_PERCENT} % of a tick shared among the open
 * tails, so the filter thread keeps at most that share of one core whatever the filters cost,
 * and one costly filter cannot take the others' share; beyond its budget a tail's events are
 * counted as skipped, not examined (see {@link TailSubscription}). The thread visits the tails in
 * turn.
 *
 * <p>Slots: at most {@link TailLimits#maxSubscribers()} tails are open at once, and at most
 * {@link TailLimits#maxPerClient()} per client. Thread-safe.
 */
public final class TailHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TailHub.class);
  /** How often a subscriber is sent a message: smooth to watch, cheap to send. */
  public static final Duration TICK = Duration.ofMillis(250);
  /**
   * Share of each tick the filter thread may spend filtering, summed over every tail: tails watch
   * ingest and must not slow it (a tenth of one core), yet one tail alone gets 25 ms per tick, enough
   * to run a regex filter over a stream of well over 100,000 events per second.
   */
  static final int FILTER_SHARE_PERCENT = 10;
  static final String FILTER_THREAD_NAME = "corral-tail-filter";
  /** How long the idle filter thread sleeps when nobody wakes it: a safety net, publish wakes it. */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final TailLimits limits;
  private final DoubleSupplier receivedPerSecond;
  private final CopyOnWriteArrayList<TailSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final LongSupplier clock;
  private final Thread filterThread;
  private volatile boolean closed;

  /** @param receivedPerSecond the rate of all durable events, reported in every message */
  public TailHub(TailLimits limits, DoubleSupplier receivedPerSecond) {
    this(limits, receivedPerSecond, System::nanoTime, true);
  }

  /**
   * @param clock monotonic nanoseconds for rate limits, rates, tick deadlines and filter budgets
   * @param filterThread whether to start the filter thread; without it (tests) the caller runs
   *     {@link #filterQueued()} itself
   */
  TailHub(TailLimits limits, DoubleSupplier receivedPerSecond, LongSupplier clock, boolean filterThread) {
    this.limits = limits;
    this.receivedPerSecond = receivedPerSecond;
    this.clock = clock;
    this.filterThread = filterThread ? Thread.ofPlatform().name(FILTER_THREAD_NAME).daemon(true)
        .priority(Thread.MIN_PRIORITY).start(this::filterUntilClosed) : null;
  }

  /**
   * Opens a tail of the events {@code filter} matches: every batch published from now on is queued
   * for it, and it filters them once the caller has said from which WAL position on
   * ({@link TailSubscription#goLive}). The caller must {@link TailSubscription#close() close} it.
   *
   * @param client who asks (a remote address until API keys exist), for {@link TailLimits#maxPerClient()}
   * @throws TailBusyException when every slot is taken or {@code client} holds its share
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized TailSubscription subscribe(String client, Predicate<LogEvent> filter) throws TailBusyException {
    if (closed) {
      throw new IllegalStateException("the server is stopping; no new live tails");
    }
    if (subscriptions.size() >= limits.maxSubscribers()) {
      throw TailBusyException.allTaken(subscriptions.size(), limits.maxSubscribers());
    }
    int ofClient = (int) subscriptions.stream().filter(s -> s.client().equals(client)).count();
    if (ofClient >= limits.maxPerClient()) {
      throw TailBusyException.clientLimit(client, ofClient, limits.maxPerClient());
    }
    TailSubscription[] self = new TailSubscription[1];
    self[0] = new TailSubscription(client, filter, limits, receivedPerSecond, () -> subscriptions.remove(self[0]),
        clock);
    subscriptions.add(self[0]);
    return self[0];
  }

  /**
   * Hands a durable batch to every open tail and wakes the filter thread; never blocks. Called in
   * WAL order by one thread, after the log's end has moved past the batch.
   *
   * @param position the WAL position of the batch's record
   * @param nextPosition the WAL position just after it
   */
  public void publish(long position, long nextPosition, EventBatch batch) {
    if (batch.size() == 0 || subscriptions.isEmpty()) {
      return;
    }
    PublishedBatch published = new PublishedBatch(position, nextPosition, batch);
    for (TailSubscription subscription : subscriptions) {
      if (!subscription.offer(published)) {
        dropped.addAndGet(batch.size());
      }
    }
    if (filterThread != null) {
      LockSupport.unpark(filterThread);
    }
  }

  /**
   * One round of the filter thread: each open tail filters what is queued for it, within its
   * budget.
   *
   * @return whether any tail had something to filter
   */
  boolean filterQueued() {
    long budget = budgetPerTail(subscriptions.size());
    boolean worked = false;
    for (TailSubscription subscription : subscriptions) {
      try {
        worked |= subscription.filterQueued(budget);
      } catch (RuntimeException e) { // a filter that fails ends its own tail, never the thread serving all of them
        LOG.atWarn().addKeyValue("client", subscription.client()).addKeyValue("error", e.toString())
            .log("live tail filter failed; tail closed");
        subscription.close();
      }
    }
    return worked;
  }

  /** Filter time one tail may use per tick when {@code open} tails share the filter thread. */
  static long budgetPerTail(int open) {
    return TICK.toNanos() * FILTER_SHARE_PERCENT / 100 / Math.max(1, open);
  }

  private void filterUntilClosed() {
    while (!closed) {
      if (!filterQueued()) {
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
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

  /** Closes every open tail (their streams end), stops the filter thread and refuses new tails. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    for (TailSubscription subscription : subscriptions) {
      subscription.close();
    }
    if (filterThread != null) {
      LockSupport.unpark(filterThread);
    }
  }
}
