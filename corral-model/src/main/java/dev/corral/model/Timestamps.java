package dev.corral.model;

import java.time.Instant;

/** Conversions between epoch nanoseconds (the canonical timestamp) and ISO-8601 text. */
public final class Timestamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Timestamps() {}

  /** Epoch nanoseconds of an instant. */
  public static long toNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
  }

  /** The instant at epoch nanoseconds. */
  public static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
  }

  /** ISO-8601 UTC text, e.g. {@code 2026-11-21T17:00:00.123Z}, with as many fraction digits as needed. */
  public static String format(long epochNanos) {
    return toInstant(epochNanos).toString();
  }

  /** Parses ISO-8601 UTC text with a {@code Z} or offset suffix to epoch nanoseconds. */
  public static long parseIso(String text) {
    return toNanos(java.time.OffsetDateTime.parse(text).toInstant());
  }
}
