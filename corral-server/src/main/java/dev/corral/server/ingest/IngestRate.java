package dev.corral.server.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Events made durable since the server started, and how fast they arrive: the figures of the
 * status page. Fed from the write-ahead log's durable sink (one call per record), so it counts
 * exactly what was acknowledged, whatever the input. Thread-safe.
 */
public final class IngestRate {
  /** The longest window asked for: the one-minute rate. */
  public static final int MAX_WINDOW_SECONDS = 60;

  private final AtomicLong total = new AtomicLong();
  private final RateMeter meter = new RateMeter(MAX_WINDOW_SECONDS);

  /** Counts {@code events} made durable now. */
  public void record(int events) {
    total.addAndGet(events);
    meter.record(events);
  }

  /** Events made durable since start. */
  public long total() {
    return total.get();
  }

  /** Durable events per second over the last {@code windowSeconds} (1..{@value #MAX_WINDOW_SECONDS}). */
  public double perSecond(int windowSeconds) {
    return meter.perSecond(windowSeconds);
  }
}
