package dev.corral.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as the rule files and the bench's options write them: a whole number and a unit, {@code 500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d} (Corral's own format, docs/alerting.md).
 */
final class DurationText implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** Parses {@code text}; throws naming it when it is not a number and one of ms, s, m, h, d. */
  static Duration parse(String text) {
    Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 30s, 2m, 1h or 7d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** The shortest exact text of {@code duration}: {@code 90s}, {@code 2m}, {@code 1h}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  @Override
  public Duration convert(String value) {
    return parse(value);
  }
}
