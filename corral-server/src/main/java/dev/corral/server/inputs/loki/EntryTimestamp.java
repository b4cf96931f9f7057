package dev.corral.server.inputs.loki;

import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.text.Excerpt;

/**
 * The time of a Loki entry as epoch nanoseconds. Loki sends it as a decimal string of nanoseconds
 * (JSON) or a {@code google.protobuf.Timestamp} (protobuf). The range is 1970-01-01 up to
 * 2262-04-11T23:47:16Z, the largest signed 64-bit count of nanoseconds; anything else rejects the
 * entry. Stateless.
 */
final class EntryTimestamp {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** Digits of the largest signed 64-bit number: longer text cannot be in range. */
  private static final int MAX_DIGITS = 19;

  private EntryTimestamp() {}

  /**
   * Reads decimal nanoseconds since the epoch, e.g. {@code "1732208400123456789"}.
   *
   * @throws InvalidEventException when the text is empty, not all digits, or out of range
   */
  static long parse(String text) throws InvalidEventException {
    if (text.isEmpty()) {
      throw new InvalidEventException("timestamp is empty; expected nanoseconds since the epoch as a string of digits");
    }
    if (text.charAt(0) == '-' && text.length() > 1 && isDigits(text.substring(1))) {
      throw outOfRange(Excerpt.quote(text));
    }
    if (!isDigits(text)) {
      throw new InvalidEventException("timestamp " + Excerpt.quote(text)
          + " is not a number; expected nanoseconds since the epoch as a string of digits, e.g. \"1732208400123456789\"");
    }
    int digits = text.length();
    int start = 0;
    while (start < digits - 1 && text.charAt(start) == '0') {
      start++;
    }
    if (digits - start > MAX_DIGITS) {
      throw outOfRange(Excerpt.quote(text));
    }
    try {
      return Long.parseLong(text, start, digits, 10);
    } catch (NumberFormatException e) {
      throw outOfRange(Excerpt.quote(text));
    }
  }

  /** A JSON integer of nanoseconds (lenient: Loki's own clients send a string). */
  static long of(long nanos) throws InvalidEventException {
    if (nanos < 0) {
      throw outOfRange(Long.toString(nanos));
    }
    return nanos;
  }

  /**
   * A protobuf {@code Timestamp}.
   *
   * @throws InvalidEventException when {@code nanos} is outside 0…999,999,999 or the instant is out of range
   */
  static long of(long seconds, int nanos) throws InvalidEventException {
    if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new InvalidEventException("timestamp nanos " + nanos + " is outside 0…999999999");
    }
    String shown = seconds + "s " + nanos + "ns";
    if (seconds < 0 || seconds > (Long.MAX_VALUE - nanos) / NANOS_PER_SECOND) {
      throw outOfRange(shown);
    }
    return seconds * NANOS_PER_SECOND + nanos;
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static InvalidEventException outOfRange(String shown) {
    return new InvalidEventException("timestamp " + shown + " is out of range; expected nanoseconds since the epoch "
        + "between 0 (1970-01-01) and " + Long.MAX_VALUE + " (2262-04-11)");
  }
}
