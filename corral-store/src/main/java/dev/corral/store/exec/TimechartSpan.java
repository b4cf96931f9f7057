package dev.corral.store.exec;

import java.time.Duration;
import java.util.List;

/**
 * The automatic bucket width of a {@code | timechart} without {@code span=}: the smallest of
 * {@link #CANDIDATES} that gives at most {@value #MAX_BUCKETS} buckets over the range, counting
 * buckets as {@code floorDiv(to, span) - floorDiv(from, span) + 1}; the largest candidate when none
 * does. Stateless.
 */
final class TimechartSpan {
  /** About as many points as a chart a few hundred pixels wide shows legibly. */
  static final int MAX_BUCKETS = 100;

  static final List<Duration> CANDIDATES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
      Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(12),
      Duration.ofDays(1), Duration.ofDays(7));

  private TimechartSpan() {}

  /** The span in ns for the inclusive range {@code [fromNanos, toNanos]}. */
  static long auto(long fromNanos, long toNanos) {
    for (Duration candidate : CANDIDATES) {
      long span = candidate.toNanos();
      if (Math.floorDiv(toNanos, span) - Math.floorDiv(fromNanos, span) + 1 <= MAX_BUCKETS) {
        return span;
      }
    }
    return CANDIDATES.get(CANDIDATES.size() - 1).toNanos();
  }

  /** A timechart's explicit span in ns, refusing spans under a nanosecond or beyond a long. */
  static long explicit(Duration span) {
    try {
      long nanos = span.toNanos();
      if (nanos < 1) {
        throw new IllegalArgumentException("timechart span " + span + " is shorter than 1 ns");
      }
      return nanos;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("timechart span " + span + " is longer than " + Long.MAX_VALUE + " ns", e);
    }
  }
}
