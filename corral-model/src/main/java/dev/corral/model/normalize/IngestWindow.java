package dev.corral.model.normalize;

import dev.corral.model.Timestamps;
import java.time.Duration;
import java.util.Objects;

/**
 * The range of event timestamps ingest indexes, relative to the time each event is received:
 * {@code [received − maxPast, received + maxFuture]}. An event outside it is not indexed under its
 * timestamp (a stray date would open a partition of its own, or hide the event from every time
 * range anyone looks at) but kept as a dead letter with the reason and the whole event.
 *
 * @param maxPast how far before the receive time a timestamp may be; {@link Duration#ZERO} means
 *     no limit, so that back-fills of old logs work by default ({@code ingest.max_past})
 * @param maxFuture how far after the receive time a timestamp may be ({@code ingest.max_future})
 */
public record IngestWindow(Duration maxPast, Duration maxFuture) {
  /** One day: a clock or a time zone that is off by hours still gets in; a year typo does not. */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofDays(1);
  /** No limit in the past, one day in the future. */
  public static final IngestWindow DEFAULT = new IngestWindow(Duration.ZERO, DEFAULT_MAX_FUTURE);
  /** Every timestamp a {@code long} of epoch nanoseconds can hold; for tools that replay stored events. */
  public static final IngestWindow UNLIMITED = new IngestWindow(Duration.ZERO, Duration.ofNanos(Long.MAX_VALUE));

  public IngestWindow {
    Objects.requireNonNull(maxPast, "maxPast");
    Objects.requireNonNull(maxFuture, "maxFuture");
    if (maxPast.isNegative()) {
      throw new IllegalArgumentException("ingest.max_past is " + maxPast + ", must not be negative");
    }
    if (maxFuture.isNegative()) {
      throw new IllegalArgumentException("ingest.max_future is " + maxFuture + ", must not be negative");
    }
  }

  /** Whether an event stamped {@code timestampNanos} and received at {@code receivedAtNanos} is inside. */
  public boolean contains(long timestampNanos, long receivedAtNanos) {
    if (timestampNanos <= receivedAtNanos) {
      if (maxPast.isZero()) {
        return true;
      }
      long before = receivedAtNanos - timestampNanos; // negative only on overflow: centuries apart
      return before >= 0 && before <= nanos(maxPast);
    }
    long after = timestampNanos - receivedAtNanos;
    return after >= 0 && after <= nanos(maxFuture);
  }

  /**
   * Why an event is outside, naming the timestamp, the receive time and the setting; call only
   * when {@link #contains} is false.
   */
  public String reason(long timestampNanos, long receivedAtNanos) {
    boolean future = timestampNanos > receivedAtNanos;
    Duration limit = future ? maxFuture : maxPast;
    return "timestamp " + Timestamps.format(timestampNanos) + " is more than " + text(limit)
        + (future ? " after" : " before") + " the time it was received (" + Timestamps.format(receivedAtNanos)
        + "), outside the ingest window (" + (future ? "ingest.max_future" : "ingest.max_past") + " = "
        + text(limit) + "); kept as a dead letter, not indexed";
  }

  private static long nanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
  }

  /** {@code 1d}, {@code 36h}, {@code 90m}, {@code 45s} or {@code 250ms}: the way settings are written. */
  static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
