package dev.corral.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition a test needs before its next step, by state, never by timing: it polls
 * every few milliseconds and fails the test (instead of hanging the build) when the condition has
 * not come after a bound far above any normal run.
 */
public final class Await {
  /** Far above any normal run on a loaded 2-core machine; only a regression gets here. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private Await() {}

  /** Returns once {@code condition} holds; throws an {@link AssertionError} naming {@code what} after the bound. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting, after " + BOUND.toSeconds() + " s, for " + what);
      }
      Thread.sleep(5);
    }
  }
}
