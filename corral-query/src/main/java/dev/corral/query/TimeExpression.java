package dev.corral.query;

import dev.corral.model.Timestamps;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Reads a point in time as users type it, and durations. Stateless and thread-safe; all calendar
 * arithmetic is in UTC.
 *
 * <p>Accepted instants ({@link #parse}):
 *
 * <ul>
 *   <li>ISO-8601 with {@code Z} or an offset, with or without a fraction: {@code
 *       2026-11-21T17:00:00Z}, {@code 2026-11-21T18:00:00.123+01:00};
 *   <li>ISO-8601 without a zone, read as UTC: {@code 2026-11-21T17:00}, {@code 2026-11-21
 *       17:00:00} (a space may replace the {@code T}), {@code 2026-11-21} (start of the day);
 *   <li>epoch milliseconds: only digits, at least {@value #MIN_EPOCH_MILLIS_DIGITS} of them;
 *   <li>date math on {@code now} or on an absolute time followed by {@code ||} (as in
 *       Elasticsearch): any sequence of {@code +N unit}, {@code -N unit} and rounding {@code /unit}
 *       (down to the start of the unit), applied left to right: {@code now}, {@code now-15m},
 *       {@code now+1h}, {@code now-1d/d}, {@code 2026-11-21||+1M/M}. Units: {@code ms}, {@code s},
 *       {@code m}, {@code h} (or {@code H}), {@code d}, {@code w} (weeks start on Monday),
 *       {@code M} (months), {@code y}.
 * </ul>
 */
public final class TimeExpression {
  /**
   * Fewest digits read as epoch milliseconds. Shorter digit strings are more likely a year
   * ({@code 2026}) or a compact date ({@code 20261121}) than an instant in January 1970, so they
   * are rejected rather than guessed. Note that 10-digit epoch seconds are read as milliseconds.
   */
  public static final int MIN_EPOCH_MILLIS_DIGITS = 10;

  private static final String EXPECTED =
      "expected ISO-8601 (2026-11-21T17:00:00Z, 2026-11-21), epoch milliseconds or now-15m";

  private TimeExpression() {}

  /**
   * The instant {@code text} denotes, relative to {@code now} where it says so.
   *
   * @throws IllegalArgumentException naming the text when it is no time expression
   */
  public static Instant parse(String text, Instant now) {
    Objects.requireNonNull(text, "time expression");
    Objects.requireNonNull(now, "now");
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty time expression; " + EXPECTED);
    }
    try {
      if (s.startsWith("now")) {
        return applyMath(now, s, 3, text);
      }
      int anchorEnd = s.indexOf("||");
      if (anchorEnd >= 0) {
        return applyMath(absolute(s.substring(0, anchorEnd), text), s, anchorEnd + 2, text);
      }
      return absolute(s, text);
    } catch (DateTimeException | ArithmeticException e) {
      throw new TimeOutOfRangeException(null, text, e);
    }
  }

  /**
   * Epoch nanoseconds of the instant {@code text} denotes ({@link #parse}), which must lie in the
   * range a timestamp can hold, {@value TimeOutOfRangeException#EARLIEST} to {@value
   * TimeOutOfRangeException#LATEST}.
   *
   * @throws TimeOutOfRangeException when the instant lies outside that range, or date math leaves
   *     the calendar
   * @throws IllegalArgumentException naming the text when it is no time expression
   */
  public static long parseNanos(String text, Instant now) {
    Instant instant = parse(text, now);
    try {
      return Timestamps.toNanos(instant);
    } catch (ArithmeticException e) {
      throw new TimeOutOfRangeException(null, text, e);
    }
  }

  /**
   * A duration: one or more parts of a number and a unit, {@code ms}, {@code s}, {@code m},
   * {@code h}, {@code d} or {@code w} ({@code 15m}, {@code 2h}, {@code 7d}, {@code 30s}, {@code
   * 500ms}, {@code 1w}, {@code 1h30m}), or ISO-8601 ({@code PT15M}). Months and years are refused:
   * they have no fixed length.
   *
   * @throws IllegalArgumentException naming the text when it is no duration
   */
  public static Duration parseDuration(String text) {
    Objects.requireNonNull(text, "duration");
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration; expected a number and a unit, like 15m");
    }
    if (s.charAt(0) == 'P' || s.charAt(0) == 'p') {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: '" + text + "'", e);
      }
    }
    try {
      Duration total = Duration.ZERO;
      int i = 0;
      while (i < s.length()) {
        int digitsEnd = digitsEnd(s, i);
        if (digitsEnd == i) {
          throw new IllegalArgumentException("not a duration: '" + text + "'; expected a number at offset "
              + i + ", as in 15m, 2h, 7d, 30s, 500ms, 1w");
        }
        long amount = number(s, i, digitsEnd, text);
        Unit unit = Unit.at(s, digitsEnd, text);
        if (unit.chrono == ChronoUnit.MONTHS || unit.chrono == ChronoUnit.YEARS) {
          throw new IllegalArgumentException("duration '" + text
              + "' uses months or years, which have no fixed length; use days (d) or weeks (w)");
        }
        total = total.plus(unit.chrono == ChronoUnit.WEEKS
            ? Duration.ofDays(Math.multiplyExact(amount, 7))
            : Duration.of(amount, unit.chrono));
        i = digitsEnd + unit.symbol.length();
      }
      return total;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration '" + text + "' is too long", e);
    }
  }

  private static Instant applyMath(Instant base, String s, int from, String text) {
    ZonedDateTime time = base.atZone(ZoneOffset.UTC);
    int i = from;
    while (i < s.length()) {
      char op = s.charAt(i);
      if (op == '/') {
        Unit unit = Unit.at(s, i + 1, text);
        time = roundDown(time, unit.chrono);
        i += 1 + unit.symbol.length();
      } else if (op == '+' || op == '-') {
        int digitsEnd = digitsEnd(s, i + 1);
        if (digitsEnd == i + 1) {
          throw new IllegalArgumentException("expected a number after '" + op + "' at offset " + i
              + " in time expression '" + text + "'");
        }
        long amount = number(s, i + 1, digitsEnd, text);
        Unit unit = Unit.at(s, digitsEnd, text);
        time = op == '+' ? time.plus(amount, unit.chrono) : time.minus(amount, unit.chrono);
        i = digitsEnd + unit.symbol.length();
      } else {
        throw new IllegalArgumentException("unexpected '" + op + "' at offset " + i
            + " in time expression '" + text + "'; expected +N<unit>, -N<unit> or /<unit>, as in now-1d/d");
      }
    }
    return time.toInstant();
  }

  private static ZonedDateTime roundDown(ZonedDateTime time, ChronoUnit unit) {
    return switch (unit) {
      case MILLIS, SECONDS, MINUTES, HOURS, DAYS -> time.truncatedTo(unit);
      case WEEKS -> time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTHS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEARS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default -> throw new IllegalStateException("BUG: no rounding to " + unit);
    };
  }

  private static Instant absolute(String s, String text) {
    if (!s.isEmpty() && digitsEnd(s, 0) == s.length()) {
      if (s.length() < MIN_EPOCH_MILLIS_DIGITS) {
        throw new IllegalArgumentException("'" + text + "' is too short for epoch milliseconds (at least "
            + MIN_EPOCH_MILLIS_DIGITS + " digits); write a date such as 2026-01-01");
      }
      return Instant.ofEpochMilli(number(s, 0, s.length(), text));
    }
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // try the zoneless forms below
    }
    try {
      return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocalDateTime) {
      // try a date below
    }
    try {
      return LocalDate.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notDate) {
      throw new IllegalArgumentException("not a time: '" + text + "'; " + EXPECTED, notDate);
    }
  }

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static long number(String s, int from, int to, String text) {
    try {
      return Long.parseLong(s, from, to, 10);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("number '" + s.substring(from, to) + "' in '" + text
          + "' is too large", e);
    }
  }

  /** A unit symbol as typed and the calendar unit it means. */
  private record Unit(String symbol, ChronoUnit chrono) {
    static Unit at(String s, int i, String text) {
      if (s.startsWith("ms", i)) {
        return new Unit("ms", ChronoUnit.MILLIS);
      }
      ChronoUnit chrono = i >= s.length() ? null : switch (s.charAt(i)) {
        case 's' -> ChronoUnit.SECONDS;
        case 'm' -> ChronoUnit.MINUTES;
        case 'h', 'H' -> ChronoUnit.HOURS;
        case 'd' -> ChronoUnit.DAYS;
        case 'w' -> ChronoUnit.WEEKS;
        case 'M' -> ChronoUnit.MONTHS;
        case 'y' -> ChronoUnit.YEARS;
        default -> null;
      };
      if (chrono == null) {
        String found = i >= s.length() ? "the end" : "'" + s.charAt(i) + "'";
        throw new IllegalArgumentException("expected a unit (ms, s, m, h, d, w, M, y) at offset " + i
            + " in '" + text + "', found " + found);
      }
      return new Unit(String.valueOf(s.charAt(i)), chrono);
    }
  }
}
