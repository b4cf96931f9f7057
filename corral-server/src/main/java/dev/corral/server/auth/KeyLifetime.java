package dev.corral.server.auth;

import dev.corral.server.text.Excerpt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when a key expires as its creator writes it: a lifetime ({@code 90d}, {@code 12h}, {@code
 * 2w}) from now, or a date ({@code 2027-01-31}, midnight UTC) or an instant ({@code 2027-01-31T12:00:00Z}).
 */
public final class KeyLifetime {
  /** A key living longer than this is a key that never expires; say so instead. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(3650);
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})([hdw])");

  private KeyLifetime() {}

  /**
   * @throws IllegalArgumentException naming the text when it is none of the forms, not in the
   *     future, or further than {@link #MAX_LIFETIME}
   */
  public static Instant expiry(String text, Instant now) {
    String value = text.strip();
    Instant expires;
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      expires = now.plus(switch (relative.group(2)) {
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofDays(7 * amount);
      });
    } else {
      expires = absolute(value);
    }
    if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_LIFETIME))) {
      throw new IllegalArgumentException("expires '" + Excerpt.header(text) + "' must be in the future and within "
          + MAX_LIFETIME.toDays() + " days");
    }
    return expires;
  }

  private static Instant absolute(String value) {
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expires '" + Excerpt.header(value)
          + "' is neither a lifetime (90d, 12h, 2w) nor a date (2027-01-31) or instant (2027-01-31T12:00:00Z)");
    }
  }
}
