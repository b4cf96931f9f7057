package dev.corral.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Conversions between epoch nanoseconds (the canonical timestamp) and ISO-8601 text. */
public final class Timestamps {
  /** Longest text {@link #formatTo} writes: {@code 2262-04-11T23:47:16.854775807Z}. */
  public static final int MAX_ISO_LENGTH = 30;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private Timestamps() {}

  /**
   * Epoch nanoseconds of an instant.
   *
   * @throws ArithmeticException when it lies outside {@link #toInstant}({@link Long#MIN_VALUE} ..
   *     {@link Long#MAX_VALUE}), years 1677 to 2262
   */
  public static long toNanos(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 && instant.getNano() > 0) {
      // one second up first, so the earliest instants do not overflow on the way
      return Math.addExact(Math.multiplyExact(seconds + 1, NANOS_PER_SECOND), instant.getNano() - NANOS_PER_SECOND);
    }
    return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), instant.getNano());
  }

  /** The instant at epoch nanoseconds. */
  public static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
  }

  /**
   * ISO-8601 UTC text, e.g. {@code 2026-11-21T17:00:00.123Z}: exactly what {@link Instant#toString()}
   * gives, with 0, 3, 6 or 9 fraction digits as needed.
   */
  public static String format(long epochNanos) {
    byte[] text = new byte[MAX_ISO_LENGTH];
    return new String(text, 0, formatTo(epochNanos, text, 0), StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@link #format}'s text as ASCII bytes into {@code target} from {@code offset}, without
   * allocating; {@link #MAX_ISO_LENGTH} bytes must fit.
   *
   * @return the number of bytes written
   */
  public static int formatTo(long epochNanos, byte[] target, int offset) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    // H. Hinnant's civil_from_days; the epoch-nanosecond range is years 1677 to 2262, all 4 digits.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int at = offset;
    at = digits(year, 4, target, at);
    target[at++] = '-';
    at = digits(month, 2, target, at);
    target[at++] = '-';
    at = digits(day, 2, target, at);
    target[at++] = 'T';
    at = digits(secondOfDay / 3600, 2, target, at);
    target[at++] = ':';
    at = digits(secondOfDay / 60 % 60, 2, target, at);
    target[at++] = ':';
    at = digits(secondOfDay % 60, 2, target, at);
    if (nanos != 0) {
      target[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        at = digits(nanos / 1_000_000, 3, target, at);
      } else if (nanos % 1_000 == 0) {
        at = digits(nanos / 1_000, 6, target, at);
      } else {
        at = digits(nanos, 9, target, at);
      }
    }
    target[at++] = 'Z';
    return at - offset;
  }

  /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
  private static int digits(int value, int count, byte[] target, int at) {
    for (int i = at + count - 1; i >= at; i--) {
      target[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + count;
  }

  /** Parses ISO-8601 UTC text with a {@code Z} or offset suffix to epoch nanoseconds. */
  public static long parseIso(String text) {
    return toNanos(java.time.OffsetDateTime.parse(text).toInstant());
  }
}
