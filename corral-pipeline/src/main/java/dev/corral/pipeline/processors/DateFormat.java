package dev.corral.pipeline.processors;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * One format of the {@code date} processor, parsing text to an instant: {@code ISO8601}, {@code
 * UNIX} (seconds, with a fraction), {@code UNIX_MS}, {@code TAI64N}, or a pattern in Java's
 * {@link DateTimeFormatter} letters, with the Joda-Time letters Elasticsearch's older pipelines
 * use translated ({@code Y} year → {@code y}, {@code x} week year → {@code Y}, {@code ZZ} →
 * {@code XXX}, {@code ZZZ} → {@code VV}). A pattern without a year takes the current year, without
 * a time midnight, without a zone the processor's {@code timezone}. Immutable and thread-safe.
 */
sealed interface DateFormat {
  /** The instant of {@code text}; throws DateTimeException or NumberFormatException when it does not parse. */
  Instant parse(String text, ZoneId zone);

  static DateFormat of(String format, Locale locale) {
    return switch (format) {
      case "ISO8601" -> new Iso();
      case "UNIX" -> new Epoch(1_000_000_000L);
      case "UNIX_MS" -> new Epoch(1_000_000L);
      case "TAI64N" -> new Tai64n();
      default -> new Pattern(new DateTimeFormatterBuilder().parseCaseInsensitive()
          .appendPattern(fromJoda(format.startsWith("8") ? format.substring(1) : format)).toFormatter(locale));
    };
  }

  /** A Joda-Time pattern's letters in Java's meaning, quoted text left alone. */
  static String fromJoda(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length() + 4);
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (quoted) {
        out.append(c);
      } else if (c == 'Y') {
        out.append('y');
      } else if (c == 'x') {
        out.append('Y');
      } else if (c == 'Z') {
        int run = 1;
        while (i + run < pattern.length() && pattern.charAt(i + run) == 'Z') {
          run++;
        }
        out.append(run == 1 ? "Z" : run == 2 ? "XXX" : "VV");
        i += run - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** ISO-8601 date-time, with or without offset or zone; a date alone is its midnight. */
  record Iso() implements DateFormat {
    @Override
    public Instant parse(String text, ZoneId zone) {
      if (text.length() <= 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return resolve(DateTimeFormatter.ISO_DATE_TIME.parse(text), zone);
    }
  }

  /** Seconds or milliseconds since the epoch, possibly with a fraction. */
  record Epoch(long nanosPerUnit) implements DateFormat {
    @Override
    public Instant parse(String text, ZoneId zone) {
      BigDecimal nanos = new BigDecimal(text.strip()).multiply(BigDecimal.valueOf(nanosPerUnit));
      BigDecimal[] parts = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
      return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValue());
    }
  }

  /** TAI64N ({@code @4000000037c219bf2ef02e94}): 16 hex digits of TAI seconds from 2^62, 8 of nanoseconds. */
  record Tai64n() implements DateFormat {
    /** TAI was 10 s ahead of UTC in 1972, the offset the TAI64 label convention uses (leap seconds since ignored). */
    private static final long TAI_OFFSET_SECONDS = 10;

    @Override
    public Instant parse(String text, ZoneId zone) {
      String hex = text.startsWith("@") ? text.substring(1) : text;
      if (hex.length() != 24 || hex.charAt(0) != '4') {
        throw new DateTimeException("'" + text + "' is no TAI64N label (@ and 24 hex digits starting with 4)");
      }
      long seconds = Long.parseLong(hex.substring(1, 16), 16) - TAI_OFFSET_SECONDS;
      long nanos = Long.parseLong(hex.substring(16), 16);
      return Instant.ofEpochSecond(seconds, nanos);
    }
  }

  /** A pattern of letters. */
  record Pattern(DateTimeFormatter formatter) implements DateFormat {
    @Override
    public Instant parse(String text, ZoneId zone) {
      return resolve(formatter.parse(text), zone);
    }
  }

  /** The instant of parsed fields, the missing ones filled: this year, midnight, {@code zone}. */
  private static Instant resolve(TemporalAccessor parsed, ZoneId zone) {
    if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(parsed);
    }
    ZoneId parsedZone = parsed.query(TemporalQueries.zone());
    ZoneId effective = parsedZone != null ? parsedZone : zone;
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      int year = parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR)
          : ZonedDateTime.now(effective).getYear();
      int month = parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1;
      int day = parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1;
      date = LocalDate.of(year, month, day);
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, effective).toInstant();
  }
}
