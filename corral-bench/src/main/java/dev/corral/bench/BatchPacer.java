package dev.corral.bench;

import java.util.concurrent.TimeUnit;

/**
 * Paces batch uploads across all clients to a rate: a token bucket over batches, one token per batch,
 * refilled at {@code batchesPerSecond} and holding at most {@code burst} tokens (so clients that were held
 * up by a slow acknowledgement catch up by at most {@code burst} batches at once, never by the whole
 * backlog). Each client asks for its next batch's slot with {@link #await()} before sending it and still
 * waits for the durable acknowledgement afterwards, so the rate is a ceiling: a server slower than it sets
 * the pace itself. Thread-safe.
 */
public final class BatchPacer {
  private static final double NANOS_PER_SECOND = 1e9;

  private final long nanosPerBatch;
  private final long burstNanos;
  /** When the next batch may be sent at the earliest (the bucket's state); unset until the first batch. */
  private long nextSlot;
  private boolean started;

  /**
   * @param batchesPerSecond the refill rate, > 0
   * @param burst the bucket's size in batches, >= 1 (the number of clients: each has at most one batch in flight)
   */
  public BatchPacer(double batchesPerSecond, int burst) {
    if (!(batchesPerSecond > 0) || Double.isInfinite(batchesPerSecond)) {
      throw new IllegalArgumentException("batches per second (" + batchesPerSecond + ") must be > 0 and finite");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst (" + burst + ") must be >= 1");
    }
    this.nanosPerBatch = Math.max(1, Math.round(NANOS_PER_SECOND / batchesPerSecond));
    this.burstNanos = (burst - 1) * nanosPerBatch;
  }

  /** A pacer for {@code eventsPerSecond} when batches hold {@code eventsPerBatch} events on average. */
  public static BatchPacer forEvents(double eventsPerSecond, double eventsPerBatch, int burst) {
    if (!(eventsPerBatch > 0)) {
      throw new IllegalArgumentException("events per batch (" + eventsPerBatch + ") must be > 0");
    }
    return new BatchPacer(eventsPerSecond / eventsPerBatch, burst);
  }

  /** Nanoseconds between two batches at the paced rate. */
  public long nanosPerBatch() {
    return nanosPerBatch;
  }

  /** Blocks until the calling client may send its next batch. */
  public void await() throws InterruptedException {
    long wait = reserve(System.nanoTime());
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /**
   * Takes the next batch's slot at {@code nowNanos} ({@link System#nanoTime}) and returns how long its
   * sender must wait before sending: 0 while the bucket holds a token. Time the pacer was not asked banks at
   * most {@code burst} tokens.
   */
  synchronized long reserve(long nowNanos) {
    long earliest = nowNanos - burstNanos;
    long slot = started && nextSlot - earliest > 0 ? nextSlot : earliest;
    started = true;
    nextSlot = slot + nanosPerBatch;
    return Math.max(0, slot - nowNanos);
  }
}
