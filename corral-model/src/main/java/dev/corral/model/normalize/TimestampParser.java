package dev.corral.model.normalize;

import dev.corral.model.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Reads the timestamps log libraries write into epoch nanoseconds (UTC).
 *
 * <p>Text, parsed by hand without exceptions on the hot path:
 * <ul>
 *   <li>ISO-8601 / RFC 3339 and the common variants: {@code 2026-11-21T17:00:00Z}, a fraction of
 *       1 to 9 digits (more are cut), an offset {@code +01:00}, {@code +0100} or {@code +01}, or
 *       no zone at all (UTC is assumed); a space instead of {@code T}; a comma instead of the
 *       dot (python's {@code asctime}: {@code 2026-11-21 17:00:00,123}); {@code /} between the
 *       date parts (Go's {@code 2026/11/21 17:00:00}); a trailing {@code UTC} or {@code GMT};
 *       seconds may be left out; a bare date is midnight UTC.
 *   <li>RFC 1123 ({@code Sat, 21 Nov 2026 17:00:00 GMT}) and the access-log form
 *       ({@code 21/Nov/2026:17:00:00 +0000}).
 *   <li>Numeric text ({@code "1700000000"}, {@code "1700000000.123"}) is read as an epoch number.
 * </ul>
 *
 * <p>Epoch numbers (integer or fractional) are read in the unit their magnitude implies:
 * <table>
 *   <caption>epoch units by magnitude</caption>
 *   <tr><th>absolute value</th><th>unit</th><th>covers (positive side)</th></tr>
 *   <tr><td>below 10<sup>11</sup></td><td>seconds</td><td>1970 … 2262 (the nanosecond range)</td></tr>
 *   <tr><td>10<sup>11</sup> … below 10<sup>14</sup></td><td>milliseconds</td><td>1973-03-03 … 2262</td></tr>
 *   <tr><td>10<sup>14</sup> … below 10<sup>17</sup></td><td>microseconds</td><td>1973-03-03 … 2262</td></tr>
 *   <tr><td>10<sup>17</sup> and above</td><td>nanoseconds</td><td>1973-03-03 … 2262</td></tr>
 * </table>
 * So a millisecond value before 1973-03-03 would be read as seconds; no real log carries one.
 * Fractions are kept to the nanosecond (a float {@code 1700000000.123} is exactly .123 s).
 * Instants outside the epoch-nanosecond range (before 1677-09-21 or after 2262-04-11) are
 * unparseable.
 *
 * <p>Stateless and thread-safe.
 */
public final class TimestampParser {
  /** Returned for a value that is no timestamp this parser knows. */
  public static final long UNPARSEABLE = Long.MIN_VALUE;

  /** Below this magnitude an epoch number is seconds (10^11 s is year 5138). */
  static final long SECONDS_BELOW = 100_000_000_000L;
  /** Below this magnitude (and from SECONDS_BELOW) an epoch number is milliseconds. */
  static final long MILLIS_BELOW = 100_000_000_000_000L;
  /** Below this magnitude (and from MILLIS_BELOW) an epoch number is microseconds; above, nanoseconds. */
  static final long MICROS_BELOW = 100_000_000_000_000_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final int MAX_FRACTION_DIGITS = 9;
  private static final DateTimeFormatter ACCESS_LOG =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private TimestampParser() {}

  /**
   * Epoch nanoseconds of a field value: text, a {@link Long} or {@link Double} epoch number.
   *
   * @return the instant, or {@link #UNPARSEABLE}
   */
  public static long parse(Object value) {
    return switch (value) {
      case String text -> parseText(text);
      case Long number -> fromEpoch(number);
      case Double number -> fromEpoch(number);
      case null, default -> UNPARSEABLE;
    };
  }

  /** Epoch nanoseconds of an integer epoch number in the unit its magnitude implies. */
  public static long fromEpoch(long number) {
    long magnitude = number == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(number);
    long factor;
    if (magnitude < SECONDS_BELOW) {
      factor = NANOS_PER_SECOND;
    } else if (magnitude < MILLIS_BELOW) {
      factor = 1_000_000L;
    } else if (magnitude < MICROS_BELOW) {
      factor = 1_000L;
    } else {
      return number == Long.MIN_VALUE ? UNPARSEABLE : number;
    }
    if (number > Long.MAX_VALUE / factor || number <= Long.MIN_VALUE / factor) {
      return UNPARSEABLE; // beyond the epoch-nanosecond range (years 1677 to 2262)
    }
    return number * factor;
  }

  /** Epoch nanoseconds of a fractional epoch number in the unit its magnitude implies. */
  public static long fromEpoch(double number) {
    if (!Double.isFinite(number)) {
      return UNPARSEABLE;
    }
    if (number == Math.rint(number) && Math.abs(number) < 0x1p62) {
      return fromEpoch((long) number);
    }
    // Double.toString gives the shortest text that reads back as this double, so 1700000000.123
    // becomes exactly .123 s rather than the binary approximation's .12299990654.
    return fromEpoch(BigDecimal.valueOf(number));
  }

  /** Epoch nanoseconds of a timestamp text, or {@link #UNPARSEABLE}. */
  public static long parseText(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) <= ' ') {
      end--;
    }
    if (start == end) {
      return UNPARSEABLE;
    }
    char first = text.charAt(start);
    if (isNumeric(text, start, end)) {
      return parseNumericText(text, start, end);
    }
    if (first >= '0' && first <= '9') {
      long iso = IsoText.parse(text, start, end);
      return iso != UNPARSEABLE ? iso : parseWithFormatter(text.substring(start, end), ACCESS_LOG);
    }
    return parseWithFormatter(text.substring(start, end), DateTimeFormatter.RFC_1123_DATE_TIME);
  }

  private static long fromEpoch(BigDecimal number) {
    long magnitude = number.abs().longValue();
    int shift;
    if (magnitude < SECONDS_BELOW) {
      shift = 9;
    } else if (magnitude < MILLIS_BELOW) {
      shift = 6;
    } else if (magnitude < MICROS_BELOW) {
      shift = 3;
    } else {
      shift = 0;
    }
    try {
      long nanos = number.movePointRight(shift).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      return nanos == UNPARSEABLE ? UNPARSEABLE : nanos;
    } catch (ArithmeticException e) {
      return UNPARSEABLE; // beyond the epoch-nanosecond range: the caller keeps the original text
    }
  }

  private static boolean isNumeric(String text, int start, int end) {
    int i = start;
    if (text.charAt(i) == '-') {
      i++;
    }
    boolean digits = false;
    boolean dot = false;
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digits;
  }

  private static long parseNumericText(String text, int start, int end) {
    String number = text.substring(start, end);
    if (number.indexOf('.') < 0 && end - start <= 18) {
      return fromEpoch(Long.parseLong(number));
    }
    try {
      return fromEpoch(new BigDecimal(number));
    } catch (NumberFormatException e) {
      return UNPARSEABLE; // "." or "-." : no digits around the dot
    }
  }

  private static long parseWithFormatter(String text, DateTimeFormatter formatter) {
    try {
      return Timestamps.toNanos(ZonedDateTime.parse(text, formatter).toInstant());
    } catch (DateTimeException | ArithmeticException e) {
      return UNPARSEABLE; // not this format either: the caller keeps the original text
    }
  }

  /** The hand-written ISO-8601 reader; package-private so the class above stays a summary. */
  static final class IsoText {
    private IsoText() {}

    /** Parses {@code text[start, end)} or returns {@link #UNPARSEABLE}. */
    static long parse(String s, int start, int end) {
      Cursor c = new Cursor(s, start, end);
      int year = c.digits(4);
      char dateSeparator = c.peek();
      if (year < 0 || (dateSeparator != '-' && dateSeparator != '/') || !c.skip(dateSeparator)) {
        return UNPARSEABLE;
      }
      int month = c.digits(2);
      if (month < 1 || month > 12 || !c.skip(dateSeparator)) {
        return UNPARSEABLE;
      }
      int day = c.digits(2);
      if (day < 1 || day > daysInMonth(year, month)) {
        return UNPARSEABLE;
      }
      long seconds = epochDay(year, month, day) * SECONDS_PER_DAY;
      long nanos = 0;
      if (!c.atEnd()) {
        char t = c.next();
        if (t != 'T' && t != 't' && t != ' ') {
          return UNPARSEABLE;
        }
        int hour = c.digits(2);
        if (hour < 0 || hour > 23 || !c.skip(':')) {
          return UNPARSEABLE;
        }
        int minute = c.digits(2);
        if (minute < 0 || minute > 59) {
          return UNPARSEABLE;
        }
        int second = 0;
        if (c.peek() == ':') {
          c.next();
          second = c.digits(2);
          if (second < 0 || second > 59) {
            return UNPARSEABLE;
          }
          if (c.peek() == '.' || c.peek() == ',') {
            c.next();
            nanos = c.fraction();
            if (nanos < 0) {
              return UNPARSEABLE;
            }
          }
        }
        seconds += hour * 3600L + minute * 60L + second;
        int offset = c.zoneOffsetSeconds();
        if (offset == Integer.MIN_VALUE) {
          return UNPARSEABLE;
        }
        seconds -= offset;
      }
      if (!c.atEnd()) {
        return UNPARSEABLE;
      }
      if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND || seconds <= Long.MIN_VALUE / NANOS_PER_SECOND) {
        return UNPARSEABLE; // beyond the epoch-nanosecond range (years 1677 to 2262)
      }
      return seconds * NANOS_PER_SECOND + nanos;
    }

    private static int daysInMonth(int year, int month) {
      return switch (month) {
        case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        case 4, 6, 9, 11 -> 30;
        default -> 31;
      };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
      long y = month <= 2 ? year - 1 : year;
      long era = Math.floorDiv(y, 400);
      long yearOfEra = y - era * 400;
      long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
      long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
      return era * 146_097 + dayOfEra - 719_468;
    }
  }

  /** A position in the text being parsed. */
  private static final class Cursor {
    private final String s;
    private final int end;
    private int pos;

    Cursor(String s, int start, int end) {
      this.s = s;
      this.pos = start;
      this.end = end;
    }

    boolean atEnd() {
      return pos >= end;
    }

    char peek() {
      return pos < end ? s.charAt(pos) : '\0';
    }

    char next() {
      return s.charAt(pos++);
    }

    boolean skip(char expected) {
      if (peek() != expected) {
        return false;
      }
      pos++;
      return true;
    }

    /** Exactly {@code count} digits as a number, or -1. */
    int digits(int count) {
      if (end - pos < count) {
        return -1;
      }
      int value = 0;
      for (int i = 0; i < count; i++) {
        char ch = s.charAt(pos + i);
        if (ch < '0' || ch > '9') {
          return -1;
        }
        value = value * 10 + (ch - '0');
      }
      pos += count;
      return value;
    }

    /** 1+ fraction digits as nanoseconds (digits past the ninth are dropped), or -1. */
    long fraction() {
      int start = pos;
      long nanos = 0;
      while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        if (pos - start < MAX_FRACTION_DIGITS) {
          nanos = nanos * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      int digits = pos - start;
      if (digits == 0) {
        return -1;
      }
      for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
        nanos *= 10;
      }
      return nanos;
    }

    /** The zone at the cursor in seconds east of UTC (0 when none), or Integer.MIN_VALUE. */
    int zoneOffsetSeconds() {
      if (atEnd()) {
        return 0;
      }
      if (peek() == ' ') {
        pos++;
      }
      char sign = peek();
      if (sign == 'Z' || sign == 'z') {
        pos++;
        return 0;
      }
      if (s.regionMatches(true, pos, "UTC", 0, 3) || s.regionMatches(true, pos, "GMT", 0, 3)) {
        pos += 3;
        return 0;
      }
      if (sign != '+' && sign != '-') {
        return Integer.MIN_VALUE;
      }
      pos++;
      int hours = digits(2);
      if (hours < 0 || hours > 18) {
        return Integer.MIN_VALUE;
      }
      int minutes = 0;
      if (!atEnd()) {
        skip(':');
        minutes = digits(2);
        if (minutes < 0 || minutes > 59) {
          return Integer.MIN_VALUE;
        }
      }
      int offset = hours * 3600 + minutes * 60;
      return sign == '-' ? -offset : offset;
    }
  }
}
