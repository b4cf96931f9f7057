package dev.corral.server.inputs.socket;

import java.time.Duration;
import java.util.Objects;

/**
 * The slowloris rule of the TCP inputs whose units (a forward message, a Beats window) may span many packets: once the
 * reads of the current unit have waited longer than {@code grace} in all, it must have arrived at {@code
 * minBytesPerSecond} or faster over that wait. Only time blocked in reads counts, so time the server spends storing
 * never makes a sender look slow. Immutable.
 *
 * @param grace time a unit's reads may wait in all before its rate is checked
 * @param minBytesPerSecond slowest rate past the grace; 0 turns the check off
 */
public record SenderPace(Duration grace, long minBytesPerSecond) {
  public SenderPace {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative() || minBytesPerSecond < 0) {
      throw new IllegalArgumentException("slow sender limits must not be negative, got " + grace + " and "
          + minBytesPerSecond + " bytes/s");
    }
  }

  /**
   * Why a unit that has brought {@code bytes} over {@code waitNanos} of blocked reads is too slow, or null when it is
   * not (still within the grace, or fast enough).
   *
   * @param unit what arrives, for the reason: {@code message}, {@code window}
   */
  public String tooSlow(String unit, long bytes, long waitNanos) {
    if (waitNanos <= grace.toNanos() || minBytesPerSecond == 0) {
      return null;
    }
    double seconds = waitNanos / 1e9;
    long rate = (long) (bytes / seconds);
    if (rate >= minBytesPerSecond) {
      return null;
    }
    return unit + " arrived at " + rate + " bytes/s over " + Math.round(seconds) + " s (" + bytes + " bytes), slower "
        + "than the minimum of " + minBytesPerSecond + " bytes/s; the sender is stalled or hostile (slowloris)";
  }
}
