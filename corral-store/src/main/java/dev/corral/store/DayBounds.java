package dev.corral.store;

import java.time.LocalDate;

/** The UTC day of an instant in epoch nanoseconds, and the first and last nanosecond of a day. */
final class DayBounds {
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private DayBounds() {}

  /** The UTC day holding the instant {@code epochNanos}. */
  static LocalDate dayOf(long epochNanos) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochNanos, NANOS_PER_DAY));
  }

  /** First epoch nanosecond of {@code day} (saturated at the ends of the long range). */
  static long firstNanos(LocalDate day) {
    return saturatedMultiply(day.toEpochDay(), NANOS_PER_DAY);
  }

  /** Last epoch nanosecond of {@code day} (saturated at the ends of the long range). */
  static long lastNanos(LocalDate day) {
    long next = saturatedMultiply(day.toEpochDay() + 1, NANOS_PER_DAY);
    return next == Long.MAX_VALUE ? next : next - 1;
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
      return low;
    }
    return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }
}
