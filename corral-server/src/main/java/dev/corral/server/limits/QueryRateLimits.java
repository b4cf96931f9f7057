package dev.corral.server.limits;

import dev.corral.server.auth.Principal;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-key limit of reads: every request to a read route made with a key costs one query of
 * its {@code queries_per_minute} (a live tail once, when it opens). A bucket holds one minute's
 * worth, so a key that was quiet may spend its whole minute at once. A principal without a limit
 * (no key, the local operator, a key without one and no server default) is never limited.
 * Thread-safe.
 */
public final class QueryRateLimits {
  /** More keys than a key file holds in practice; the least recently used beyond is forgotten (starts full). */
  public static final int MAX_TRACKED_KEYS = 10_000;

  /**
   * A query refused.
   *
   * @param retryAfterSeconds whole seconds until the key has a query again, at least 1
   * @param keyId the key over its limit
   * @param queriesPerMinute its limit
   */
  public record Limited(int retryAfterSeconds, String keyId, long queriesPerMinute) {
    /** What the client is told. */
    public String reason() {
      return "API key " + keyId + " may make " + queriesPerMinute + " queries per minute and is over it; retry after "
          + retryAfterSeconds + " s";
    }
  }

  private final RateBuckets buckets;
  private final LongAdder limited = new LongAdder();

  /** Limits on the given buckets (tests pass buckets on a controllable clock). */
  public QueryRateLimits(RateBuckets buckets) {
    this.buckets = buckets;
  }

  /** Limits on the system clock, bounded by {@link #MAX_TRACKED_KEYS}. */
  public static QueryRateLimits bounded() {
    return new QueryRateLimits(RateBuckets.bounded(MAX_TRACKED_KEYS));
  }

  /** Counts one query of {@code principal}; empty when it may make it, else why not. */
  public Optional<Limited> admit(Principal principal) {
    long perMinute = principal.limits().queriesPerMinute();
    RateBuckets.Take take = buckets.take(principal.keyId(), Rate.perMinute(perMinute), 1);
    if (take.taken()) {
      return Optional.empty();
    }
    limited.increment();
    return Optional.of(new Limited(take.retryAfterSeconds(), principal.keyId(), perMinute));
  }

  /** Queries refused since start. */
  public long limited() {
    return limited.sum();
  }

  /** Keys with a bucket now. */
  public int tracked() {
    return buckets.tracked();
  }
}
