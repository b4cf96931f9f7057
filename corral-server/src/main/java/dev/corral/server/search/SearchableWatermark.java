package dev.corral.server.search;

import dev.corral.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable watermark: the last instant before which every event the store had received is
 * indexed and visible to search. A thread of its own renews it every {@link #RENEW_EVERY}: it notes
 * the clock, waits until everything submitted to the store so far is searchable by any read that
 * begins later ({@link EventStore#awaitReadable()}: indexed, then one refresh interval, without
 * forcing a refresh), and publishes the noted instant. Nobody else waits: a scheduled reader
 * (an alert rule, a recording rule) reads a window evaluated as of {@code at} only once the watermark
 * reached its end {@code at - lag} ({@link #covers}), or ends the window at the watermark ({@link
 * #windowEnd}), so evaluation threads never sit out an indexing backlog, and an event that reached
 * the store before the watermark is in every window that covers its timestamp. Each reader has its
 * own watermark, on its own clock (tests move the alert rules' clock).
 *
 * <p>The thread is never interrupted: an interrupt inside the store's refresh (which flushes Lucene
 * writers) closes their file channels, a tragic error that stops the store taking writes. {@link
 * #close()} sets a flag, wakes its sleep and waits for the running renewal to end. Thread-safe.
 */
public final class SearchableWatermark implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchableWatermark.class);
  /** One wait for the indexers a second: as often as the store refreshes by default, no more. */
  static final Duration RENEW_EVERY = Duration.ofSeconds(1);
  /** A renewal in progress at close is one wait for the indexers: well within this. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final String threadName;
  private final Supplier<EventStore> store;
  private final Clock clock;
  private final Duration lag;
  private volatile Instant searchable;
  private Thread thread;
  private final Object sleep = new Object();
  private volatile boolean closed;

  /**
   * @param threadName the renewing thread's name, saying whose watermark it is
   * @param store the open store
   * @param clock what "now" is for the reader
   * @param lag how far before "now" the reader's windows end
   */
  public SearchableWatermark(String threadName, Supplier<EventStore> store, Clock clock, Duration lag) {
    this.threadName = threadName;
    this.store = store;
    this.clock = clock;
    this.lag = lag;
  }

  /** Starts renewing; called once. */
  public void start() {
    thread = Thread.ofPlatform().name(threadName).daemon().start(this::renewUntilClosed);
  }

  private void renewUntilClosed() {
    while (!closed) {
      try {
        Instant mark = clock.instant();
        store.get().awaitReadable();
        searchable = mark;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.io.IOException | RuntimeException e) {
        if (!closed) {
          LOG.atWarn().addKeyValue("reason", e.toString())
              .addKeyValue("thread", threadName)
              .log("the store cannot say what is searchable; scheduled evaluations wait until it can");
        }
      }
      synchronized (sleep) {
        if (!closed) {
          try {
            sleep.wait(RENEW_EVERY.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** Whether the watermark was renewed at least once (before, {@link #windowEnd} cannot clamp anything). */
  public boolean renewed() {
    return searchable != null;
  }

  /** Whether a window evaluated as of {@code at} (ending at {@code at - lag}) is searchable whole. */
  public boolean covers(Instant at) {
    Instant known = searchable;
    return known != null && !known.isBefore(at.minus(lag));
  }

  /**
   * The end of a window evaluated as of {@code at}: {@code at - lag}, never after the watermark
   * (before the first renewal, {@code at - lag}).
   */
  public Instant windowEnd(Instant at) {
    Instant end = at.minus(lag);
    Instant known = searchable;
    return known == null || end.isBefore(known) ? end : known;
  }

  /** Stops renewing: wakes the thread's sleep and waits for a renewal in progress; never interrupts it. */
  @Override
  public void close() {
    synchronized (sleep) {
      closed = true;
      sleep.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
