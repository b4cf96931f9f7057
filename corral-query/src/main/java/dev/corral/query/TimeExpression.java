package dev.corral.query;

import java.time.Instant;

/**
 * Reads a point in time as users type it: ISO-8601 ({@code 2026-11-21T17:00:00Z},
 * {@code 2026-11-21}), epoch milliseconds, or relative to now ({@code now}, {@code now-15m},
 * {@code now-1d/d}). Also reads bare durations such as {@code 15m} for "since" options.
 */
public final class TimeExpression {
  private TimeExpression() {}

  /**
   * The instant {@code text} denotes, relative to {@code now} where it says so.
   *
   * @throws IllegalArgumentException naming the text when it is no time expression
   */
  public static Instant parse(String text, Instant now) {
    throw new UnsupportedOperationException("not yet written");
  }

  /**
   * A duration like {@code 15m}, {@code 2h}, {@code 7d}, {@code 30s}, {@code 500ms}.
   *
   * @throws IllegalArgumentException naming the text when it is no duration
   */
  public static java.time.Duration parseDuration(String text) {
    throw new UnsupportedOperationException("not yet written");
  }
}
