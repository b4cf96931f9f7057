package dev.corral.server.inputs.syslog;

import dev.corral.model.Timestamps;
import dev.corral.model.normalize.TimestampParser;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * Reads the timestamp at the start of an RFC 3164 message, in the forms senders really use:
 * <ul>
 *   <li>{@code Oct 11 22:14:15} and {@code Oct  1 22:14:15} (no year, no zone), optionally with a
 *       fraction ({@code 22:14:15.123}), a year before the time ({@code Oct 11 2026 22:14:15}), a
 *       {@code *} or {@code .} in front (Cisco's "clock not synchronized" marks) and a {@code :}
 *       after it (Cisco);
 *   <li>RFC 3339 in its place ({@code 2026-10-11T22:14:15.003+02:00}; rsyslog's
 *       {@code RSYSLOG_ForwardFormat}, syslog-ng's {@code ts-format(iso)}).
 * </ul>
 * A timestamp without a year gets the current year, or the previous one when that would put it
 * more than {@link #FUTURE_TOLERANCE} in the future (a December message read in January). One
 * without a zone is read in the clock's zone (the server's time zone). Thread-safe.
 */
final class Rfc3164Timestamp {
  /**
   * Two days: a sender's clock may run ahead and the zones of sender and server may differ by up
   * to 26 hours; a date further ahead than that is from last year.
   */
  static final Duration FUTURE_TOLERANCE = Duration.ofDays(2);
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private final Clock clock;

  Rfc3164Timestamp(Clock clock) {
    this.clock = clock;
  }

  /** A timestamp read from the message, and the index right after it. */
  record Read(long epochNanos, int end) {}

  /** The timestamp at {@code pos}, or null when none is there. */
  Read read(byte[] bytes, int pos, int end) {
    if (pos < end && (bytes[pos] == '*' || bytes[pos] == '.')) {
      pos++;
    }
    if (end - pos >= 10 && isDigits(bytes, pos, 4) && bytes[pos + 4] == '-') {
      return iso(bytes, pos, end);
    }
    return traditional(bytes, pos, end);
  }

  private static Read iso(byte[] bytes, int pos, int end) {
    int stop = pos;
    while (stop < end && bytes[stop] != ' ') {
      stop++;
    }
    long nanos = TimestampParser.parseText(new String(bytes, pos, stop - pos, java.nio.charset.StandardCharsets.US_ASCII));
    return nanos == TimestampParser.UNPARSEABLE ? null : new Read(nanos, stop);
  }

  private Read traditional(byte[] bytes, int pos, int end) {
    if (end - pos < 15 || bytes[pos + 3] != ' ') {
      return null;
    }
    int month = month(bytes, pos);
    if (month < 0) {
      return null;
    }
    int p = pos + 4;
    if (bytes[p] == ' ') {
      p++; // space-padded day: "Oct  1"
    }
    int day = 0;
    int dayDigits = 0;
    while (p < end && dayDigits < 2 && isDigit(bytes[p])) {
      day = day * 10 + bytes[p++] - '0';
      dayDigits++;
    }
    if (dayDigits == 0 || p >= end || bytes[p] != ' ') {
      return null;
    }
    p++;
    int year = -1;
    if (end - p >= 5 && isDigits(bytes, p, 4) && bytes[p + 4] == ' ') {
      year = number(bytes, p, 4);
      p += 5;
    }
    if (end - p < 8 || !isDigits(bytes, p, 2) || bytes[p + 2] != ':' || !isDigits(bytes, p + 3, 2)
        || bytes[p + 5] != ':' || !isDigits(bytes, p + 6, 2)) {
      return null;
    }
    int hour = number(bytes, p, 2);
    int minute = number(bytes, p + 3, 2);
    int second = number(bytes, p + 6, 2);
    p += 8;
    int nanos = 0;
    if (p < end && bytes[p] == '.') {
      int digits = 0;
      p++;
      while (p < end && isDigit(bytes[p])) {
        if (digits < 9) {
          nanos = nanos * 10 + bytes[p] - '0';
          digits++;
        }
        p++;
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (p < end && bytes[p] == ':') {
      p++; // Cisco: "00:04:52.123: %SYS-5-…"
    }
    if (p < end && bytes[p] != ' ') {
      return null;
    }
    long epochNanos = resolve(year, month, day, hour, minute, second, nanos);
    return epochNanos == SyslogMessage.NO_TIMESTAMP ? null : new Read(epochNanos, p);
  }

  /** The instant of a local date and time in the clock's zone, guessing the year when absent. */
  long resolve(int year, int month, int day, int hour, int minute, int second, int nanos) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    try {
      ZonedDateTime time = LocalDateTime.of(year < 0 ? now.getYear() : year, month, day, hour, minute, second, nanos)
          .atZone(clock.getZone());
      if (year < 0 && time.isAfter(now.plus(FUTURE_TOLERANCE))) {
        time = time.minusYears(1);
      }
      return Timestamps.toNanos(time.toInstant());
    } catch (DateTimeException e) {
      return SyslogMessage.NO_TIMESTAMP; // "Feb 30", "25:61:00": not a timestamp, so part of the text
    }
  }

  private static int month(byte[] bytes, int pos) {
    for (int month = 0; month < 12; month++) {
      if ((bytes[pos] | 0x20) == MONTHS.charAt(month * 3) && (bytes[pos + 1] | 0x20) == MONTHS.charAt(month * 3 + 1)
          && (bytes[pos + 2] | 0x20) == MONTHS.charAt(month * 3 + 2)) {
        return month + 1;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isDigits(byte[] bytes, int pos, int count) {
    for (int i = 0; i < count; i++) {
      if (!isDigit(bytes[pos + i])) {
        return false;
      }
    }
    return true;
  }

  private static int number(byte[] bytes, int pos, int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value = value * 10 + bytes[pos + i] - '0';
    }
    return value;
  }
}
