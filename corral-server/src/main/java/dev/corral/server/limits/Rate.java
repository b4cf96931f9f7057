package dev.corral.server.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate: {@code tokens} per {@code period}, refilled continuously (greedily). Its bucket holds at
 * most one period's worth ({@link #capacity()}), the burst a client may send at once after a quiet
 * period. A rate of 0 tokens is no limit.
 *
 * @param tokens tokens per period, 0 for unlimited
 * @param period the period the tokens refill over
 */
public record Rate(long tokens, Duration period) {
  /** No limit. */
  public static final Rate UNLIMITED = new Rate(0, Duration.ofSeconds(1));

  public Rate {
    Objects.requireNonNull(period, "period");
    if (tokens < 0) {
      throw new IllegalArgumentException("a rate is 0 (unlimited) or more tokens per period, got " + tokens);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate's period must be positive, got " + period);
    }
  }

  /** {@code tokens} per second. */
  public static Rate perSecond(long tokens) {
    return new Rate(tokens, Duration.ofSeconds(1));
  }

  /** {@code tokens} per minute. */
  public static Rate perMinute(long tokens) {
    return new Rate(tokens, Duration.ofMinutes(1));
  }

  /** Whether this rate limits nothing. */
  public boolean unlimited() {
    return tokens == 0;
  }

  /** The most tokens the bucket holds: one period's worth, the largest burst taken without waiting. */
  public long capacity() {
    return tokens;
  }
}
