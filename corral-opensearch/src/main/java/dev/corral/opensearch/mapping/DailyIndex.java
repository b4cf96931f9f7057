package dev.corral.opensearch.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The daily index of an event: {@code <prefix>-YYYY.MM.DD} of its timestamp's UTC day, the
 * OpenSearch counterpart of the local store's day partition. Stateless.
 */
public final class DailyIndex {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private DailyIndex() {}

  /** The index of an event at {@code epochNanos}. */
  public static String of(String prefix, long epochNanos) {
    return of(prefix, dayOf(epochNanos));
  }

  /** The index of the events of {@code day}. */
  public static String of(String prefix, LocalDate day) {
    return prefix + "-" + day.format(DAY);
  }

  /** The UTC day of {@code epochNanos}. */
  public static LocalDate dayOf(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND)).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** The day a daily index holds, or empty when {@code index} is not {@code <prefix>-YYYY.MM.DD}. */
  public static Optional<LocalDate> day(String prefix, String index) {
    if (!index.startsWith(prefix + "-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(index.substring(prefix.length() + 1), DAY));
    } catch (DateTimeParseException notADailyIndex) {
      return Optional.empty();
    }
  }

  /** When {@code day} ends: the start of the next UTC day. */
  public static Instant end(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
