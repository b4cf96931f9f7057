package dev.corral.server.inputs.gelf;

import dev.corral.model.Level;

/**
 * Reads a GELF {@code level}: a syslog severity 0 (emergency) … 7 (debug), as a JSON number (GELF
 * 1.1) or as digits in a string (GELF 1.0 senders such as logstash-gelf's default). Senders that
 * put a level name there ({@code "ERROR"}, {@code "warning"}) are read by {@link Level#parse}.
 * Unlike the general level rule, numbers outside 0-7 are not guessed at (GELF has no other
 * scale). Stateless and thread-safe.
 */
final class GelfLevel {
  private static final int LOWEST_SEVERITY = 7;

  private GelfLevel() {}

  /** The level, or {@code null} when the value names none. */
  static Level parse(Object value) {
    return switch (value) {
      case Long number -> fromSeverity(number);
      case Double number -> number == Math.rint(number) ? fromSeverity(number.longValue()) : null;
      case String text -> fromText(text.strip());
      case null, default -> null;
    };
  }

  private static Level fromText(String text) {
    if (text.length() == 1 && Character.isDigit(text.charAt(0))) {
      return fromSeverity(text.charAt(0) - '0');
    }
    return Level.parse(text);
  }

  private static Level fromSeverity(long severity) {
    return severity >= 0 && severity <= LOWEST_SEVERITY ? Level.fromSyslogSeverity((int) severity) : null;
  }
}
