package dev.corral.client;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as appender configurations write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT5S}. */
public final class DurationText {
  private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private DurationText() {}

  /**
   * Reads {@code text} as a duration.
   *
   * @param property the setting's name, for the error
   * @throws IllegalArgumentException naming the property and the text when it is not a duration
   */
  public static Duration parse(String property, String text) {
    String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = AMOUNT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms": return Duration.ofMillis(amount);
        case "s": return Duration.ofSeconds(amount);
        case "m": return Duration.ofMinutes(amount);
        default: return Duration.ofHours(amount);
      }
    }
    try {
      return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(property + " '" + text + "' is not a duration such as 500ms, 5s, 2m, 1h or PT5S");
    }
  }
}
