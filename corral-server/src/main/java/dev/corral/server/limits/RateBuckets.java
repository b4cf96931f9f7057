package dev.corral.server.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets by name (an API key's id, a service's name), one per name, each at the {@link Rate}
 * its caller gives; Bucket4j does the arithmetic. Thread-safe.
 *
 * <p><b>Taking.</b> {@link #take} takes all the tokens asked for or none. A take larger than the
 * bucket's capacity (one period of the rate) would never fit; it is taken when the bucket is full
 * and leaves the bucket in debt for the rest, so the next take waits until the debt is paid: a
 * large batch is delayed, never refused forever, and the average rate still holds.
 *
 * <p><b>Bounded.</b> At most {@code maxTracked} names have a bucket; taking for one more forgets
 * the least recently used one. A forgotten name starts over with a full bucket, so a flood of
 * names can at worst reset the buckets of names idle meanwhile, never exhaust memory. An unlimited
 * rate keeps no bucket at all. A name whose rate changed gets a new, full bucket.
 */
public final class RateBuckets {
  /** A bucket and the rate it was built for. */
  private record Held(Rate rate, Bucket bucket) {}

  /**
   * What a {@link #take} found.
   *
   * @param nanosToWait 0 when the tokens were taken; otherwise how long until they would be
   */
  public record Take(long nanosToWait) {
    /** Taken, nothing to wait. */
    public static final Take TAKEN = new Take(0);

    /** Whether the tokens were taken. */
    public boolean taken() {
      return nanosToWait == 0;
    }

    /** Whole seconds to wait before trying again: rounded up, at least 1 (what Retry-After carries). */
    public int retryAfterSeconds() {
      long seconds = (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }
  }

  private final int maxTracked;
  private final TimeMeter time;
  private final LinkedHashMap<String, Held> buckets;

  /**
   * @param maxTracked the most names with a bucket at once; the least recently used is forgotten beyond
   * @param time the clock the buckets refill by ({@link TimeMeter#SYSTEM_NANOTIME}; a controllable one in tests)
   */
  public RateBuckets(int maxTracked, TimeMeter time) {
    if (maxTracked < 1) {
      throw new IllegalArgumentException("maxTracked is " + maxTracked + ", must be at least 1");
    }
    this.maxTracked = maxTracked;
    this.time = time;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
        return size() > RateBuckets.this.maxTracked;
      }
    };
  }

  /** Buckets on the system's monotonic clock. */
  public static RateBuckets bounded(int maxTracked) {
    return new RateBuckets(maxTracked, TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * Takes {@code tokens} from {@code name}'s bucket at {@code rate}, all or none (see the class
   * comment for a take larger than the capacity). An unlimited rate or 0 tokens always takes.
   */
  public Take take(String name, Rate rate, long tokens) {
    if (rate.unlimited() || tokens <= 0) {
      return Take.TAKEN;
    }
    Bucket bucket = bucket(name, rate);
    long capacity = rate.capacity();
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.min(tokens, capacity));
    if (!probe.isConsumed()) {
      return new Take(Math.max(1, probe.getNanosToWaitForRefill()));
    }
    if (tokens > capacity) {
      bucket.consumeIgnoringRateLimits(tokens - capacity);
    }
    return Take.TAKEN;
  }

  /**
   * Returns tokens taken for a request that was refused afterwards (by another limit, or later on
   * its way), so a refused request costs nothing. Up to the bucket's capacity.
   */
  public void giveBack(String name, Rate rate, long tokens) {
    if (rate.unlimited() || tokens <= 0) {
      return;
    }
    bucket(name, rate).addTokens(tokens);
  }

  /** Names with a bucket now; at most {@code maxTracked}. */
  public synchronized int tracked() {
    return buckets.size();
  }

  /** The most names with a bucket at once. */
  public int maxTracked() {
    return maxTracked;
  }

  private synchronized Bucket bucket(String name, Rate rate) {
    Held entry = buckets.get(name);
    if (entry == null || !entry.rate().equals(rate)) {
      entry = new Held(rate, Bucket.builder()
          .addLimit(limit -> limit.capacity(rate.capacity()).refillGreedy(rate.tokens(), rate.period()))
          .withCustomTimePrecision(time).build());
      buckets.put(name, entry);
    }
    return entry.bucket();
  }
}
