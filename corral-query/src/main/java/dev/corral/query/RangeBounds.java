package dev.corral.query;

import dev.corral.model.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * How every back end reads the bounds of a {@link dev.corral.query.ast.Range}: {@code *} is an open
 * end, and a timestamp bound is a {@link TimeExpression} turned into epoch nanoseconds, moved by one
 * nanosecond for an exclusive end so the range can be applied inclusively. Shared by the Lucene
 * store and the in-memory evaluator so both read bounds identically.
 */
public final class RangeBounds {
  private RangeBounds() {}

  /** The bound, or null when it is absent or {@code *} (open). */
  public static String open(String bound) {
    return bound == null || bound.equals("*") ? null : bound;
  }

  /**
   * Epoch nanoseconds of a time bound, saturating at the ends of the long range.
   *
   * @param adjust +1 to move past an exclusive lower bound, -1 before an exclusive upper one, 0 to keep it
   * @throws IllegalArgumentException naming the bound when it is no time
   */
  public static long timeNanos(String text, Instant now, int adjust) {
    Instant instant;
    try {
      instant = TimeExpression.parse(text, now);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException("timestamp bound '" + text + "' is not a time: " + e.getMessage(), e);
    }
    long nanos = saturatedNanos(instant);
    return adjust > 0 ? (nanos == Long.MAX_VALUE ? nanos : nanos + 1)
        : adjust < 0 ? (nanos == Long.MIN_VALUE ? nanos : nanos - 1) : nanos;
  }

  /** Epoch nanoseconds of an instant, saturating at the ends of the long range. */
  public static long saturatedNanos(Instant instant) {
    try {
      return Timestamps.toNanos(instant);
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
