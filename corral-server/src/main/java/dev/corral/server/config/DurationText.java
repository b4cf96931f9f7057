package dev.corral.server.config;

import java.time.Duration;

/** Writes a duration as configuration reads it, for defaults taken from the components' constants. */
public final class DurationText {
  private DurationText() {}

  /**
   * {@code duration} in the largest unit that holds it whole: {@code 500ms}, {@code 10s},
   * {@code 5m}, {@code 1h}, {@code 1d}; {@code 0} for zero.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration setting cannot be negative, got " + duration);
    }
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0";
    }
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
