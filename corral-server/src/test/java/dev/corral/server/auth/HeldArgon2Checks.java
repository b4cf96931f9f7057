package dev.corral.server.auth;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replaces the Argon2 check of presented secrets ({@link SecretHash#check}) while open: a secret
 * starting with {@link #HELD} is held inside the check until {@link #release()}, every other one is
 * checked for real; counts the checks, those running now and the most ever running at once. Closing
 * releases the held checks and puts the real check back.
 */
final class HeldArgon2Checks implements AutoCloseable {
  /** Secrets starting with this are held. */
  static final String HELD = "held-";

  private final SecretHash.Check real = SecretHash.check;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  HeldArgon2Checks() {
    SecretHash.check = this::check;
  }

  private boolean check(String secret, String phc) {
    calls.incrementAndGet();
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      if (secret.startsWith(HELD)) {
        release.await();
      }
      return real.matches(secret, phc);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held", e);
    } finally {
      running.decrementAndGet();
    }
  }

  /** Argon2 checks begun so far. */
  int calls() {
    return calls.get();
  }

  /** Argon2 checks running now. */
  int running() {
    return running.get();
  }

  /** The most Argon2 checks that ever ran at once. */
  int mostAtOnce() {
    return mostAtOnce.get();
  }

  /** Lets every held check finish. */
  void release() {
    release.countDown();
  }

  @Override
  public void close() {
    release();
    SecretHash.check = real;
  }
}
