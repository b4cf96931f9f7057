package dev.corral.server.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the Argon2 checks of presented secrets ({@link SecretHash#matches}): at most {@link
 * #MAX_CONCURRENT} run at once, and a caller waits at most {@link #MAX_WAIT} for its turn. One who
 * waited longer is refused {@link AccessDenied.Reason#BUSY} (the HTTP layer answers 503 with
 * Retry-After, never 401: the key may be right). So a flood of wrong secrets, or of many keys not
 * yet cached, costs at most every core for a bounded time and queues no unbounded work; requests
 * with a key already checked once never come here ({@link ApiKeys}). Thread-safe; waiters are
 * served in arrival order.
 */
final class Argon2Gate {
  /**
   * One check per core: an Argon2 check with one lane keeps one core busy; more at once would only
   * queue inside the CPU while each holds its 19 MiB.
   */
  static final int MAX_CONCURRENT = Math.max(1, Runtime.getRuntime().availableProcessors());
  /**
   * Longer than a burst of first uses takes to drain (a check is tens of milliseconds), short
   * enough that a refused client is told to retry before its own request times out.
   */
  static final Duration MAX_WAIT = Duration.ofSeconds(2);
  /** What a refused caller is told to wait: by then the checks in line have drained or been refused. */
  static final int RETRY_AFTER_SECONDS = 2;

  private final int concurrent;
  private final Semaphore permits;
  private final Duration maxWait;

  /** The gate of a server: {@link #MAX_CONCURRENT} checks, {@link #MAX_WAIT}. */
  Argon2Gate() {
    this(MAX_CONCURRENT, MAX_WAIT);
  }

  Argon2Gate(int concurrent, Duration maxWait) {
    if (concurrent < 1) {
      throw new IllegalArgumentException("Argon2 checks at once is " + concurrent + ", must be at least 1");
    }
    this.concurrent = concurrent;
    this.permits = new Semaphore(concurrent, true);
    this.maxWait = maxWait;
  }

  /**
   * Whether {@code secret} matches {@code phc}, checked when a turn comes within {@link #MAX_WAIT}.
   *
   * @throws AccessDenied {@code BUSY} when no turn came in time (or the waiting thread was interrupted)
   */
  boolean matches(String keyId, String secret, String phc) throws AccessDenied {
    return matches("API key " + keyId, "keys not yet verified", "key", secret, phc);
  }

  /**
   * Whether {@code secret} matches {@code phc}, as {@link #matches(String, String, String)}; {@code
   * subject} names what is checked in the refusal ("the password of a sign-in"), {@code others} what
   * waits, {@code what} the secret's kind ("key", "password").
   */
  boolean matches(String subject, String others, String what, String secret, String phc) throws AccessDenied {
    boolean turn;
    try {
      turn = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      turn = false;
    }
    if (!turn) {
      throw AccessDenied.busy(subject + " could not be checked now: " + concurrent + " checks of " + others
          + " are running and this one waited " + maxWait.toMillis() + " ms for its turn (the " + what + " may be right); "
          + "retry in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
    }
    try {
      return SecretHash.matches(secret, phc);
    } finally {
      permits.release();
    }
  }
}
