package dev.corral.ship.deliver;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header: whole seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
  /** A server asking for longer is wrong or down for maintenance; we check again after this at the latest. */
  static final Duration MAX = Duration.ofMinutes(5);

  private RetryAfter() {
  }

  /** The wait the header asks for, capped at {@link #MAX}; empty when absent or unreadable. */
  static Optional<Duration> parse(Optional<String> header, Instant now) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
  }
}
