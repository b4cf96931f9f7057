package dev.corral.query.plan;

import java.time.Duration;
import java.util.List;

/**
 * The bucket width of a {@code timechart} without {@code span=}: the smallest of {@link #SPANS}
 * that gives at most {@link #MAX_BUCKETS} buckets over the time range, else the largest (1w).
 * The bucket count of a span over an inclusive range [from, to] of epoch nanoseconds is {@code
 * floorDiv(to, span) - floorDiv(from, span) + 1}. Callers pass the query's time range ({@code to}
 * made inclusive: its exclusive end minus 1 ns) when it has both ends, else the matching events'
 * oldest and newest timestamps. The one span rule of every back end. Stateless and thread-safe.
 */
public final class AutoSpan {
  /** About this many buckets fill a chart without making each bar too thin to see. */
  public static final int MAX_BUCKETS = 100;

  /** The spans to choose from, smallest first. */
  public static final List<Duration> SPANS = List.of(
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));

  private AutoSpan() {}

  /** The span for the inclusive range [fromNanos, toNanos] of epoch nanoseconds. */
  public static Duration choose(long fromNanos, long toNanos) {
    if (toNanos < fromNanos) {
      throw new IllegalArgumentException("time range end " + toNanos + " is before its start " + fromNanos);
    }
    for (Duration span : SPANS) {
      long width = span.toNanos();
      long buckets = Math.floorDiv(toNanos, width) - Math.floorDiv(fromNanos, width) + 1;
      if (buckets <= MAX_BUCKETS) {
        return span;
      }
    }
    return SPANS.get(SPANS.size() - 1);
  }

  /**
   * An explicit {@code span=} in nanoseconds.
   *
   * @throws IllegalArgumentException for a span under a nanosecond or beyond a long of them
   */
  public static long nanos(Duration span) {
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

  /** Start of the bucket holding {@code timestampNanos}: {@code floorDiv(t, span) * span}. */
  public static long bucketStart(long timestampNanos, long spanNanos) {
    return Math.floorDiv(timestampNanos, spanNanos) * spanNanos;
  }
}
