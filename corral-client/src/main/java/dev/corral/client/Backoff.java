package dev.corral.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next attempt after a failure: exponential from {@link #INITIAL} to {@link #MAX}, with
 * jitter so that many clients of one server do not retry in step; a {@code Retry-After} from the server wins.
 * Used by the sender thread only.
 */
final class Backoff {
  /** The first retry comes quickly: most failures are a restart or a brief overload. */
  static final Duration INITIAL = Duration.ofMillis(200);
  /** Never wait longer than this: a recovered server should see the events soon. */
  static final Duration MAX = Duration.ofSeconds(30);
  /** A Retry-After above this is taken as this (a misconfigured proxy must not park the client for a day). */
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private int failures;

  /** The wait after one more failure; {@code retryAfter} (null when the server gave none) wins. */
  Duration next(Duration retryAfter) {
    failures++;
    if (retryAfter != null) {
      return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
    long ceiling = Math.min(MAX.toMillis(), INITIAL.toMillis() << Math.min(failures - 1, 20));
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  /** After a success: the next failure starts again from {@link #INITIAL}. */
  void reset() {
    failures = 0;
  }

  /** Whether the last attempt failed (the server is taken as unreachable until one succeeds). */
  boolean failing() {
    return failures > 0;
  }
}
