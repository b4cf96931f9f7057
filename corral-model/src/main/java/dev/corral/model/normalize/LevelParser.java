package dev.corral.model.normalize;

import dev.corral.model.Level;

/**
 * Reads the level field of a foreign event, text or number, into a {@link Level}.
 *
 * <p>Text goes through {@link Level#parse} ({@code warning}, {@code Information}, {@code crit}…);
 * text made of digits is read as the number. Numbers follow one documented rule, because the
 * same number means different things to different libraries:
 * <table>
 *   <caption>numeric levels</caption>
 *   <tr><th>value</th><th>read as</th><th>why</th></tr>
 *   <tr><td>0 – 7</td><td>syslog severity ({@link Level#fromSyslogSeverity})</td>
 *       <td>syslog, GELF {@code level}, journald {@code PRIORITY}</td></tr>
 *   <tr><td>10, 20, 30, 40, 50, 60</td><td>pino / bunyan: trace, debug, info, warn, error, fatal</td>
 *       <td>Node's common JSON loggers put these in {@code level}</td></tr>
 *   <tr><td>other 8 – 24</td><td>OpenTelemetry severity number ({@link Level#fromOtelSeverityNumber})</td>
 *       <td>OTLP {@code severity_number}</td></tr>
 *   <tr><td>anything else</td><td>unknown</td><td>the caller keeps the original</td></tr>
 * </table>
 * Python's numeric {@code levelno} (10 … 50) is not read through this: python-json-logger's
 * {@code levelname} carries the name. Stateless and thread-safe.
 */
public final class LevelParser {
  private LevelParser() {}

  /**
   * The level a field value names.
   *
   * @return the level, or {@code null} when the value names no known level
   */
  public static Level parse(Object value) {
    return switch (value) {
      case String text -> parseText(text);
      case Long number -> fromNumber(number);
      case Double number -> number == Math.rint(number) && Math.abs(number) < 1e6 ? fromNumber(number.longValue()) : null;
      case null, default -> null;
    };
  }

  /** The level a text names, or {@code null}. */
  public static Level parseText(String text) {
    // The spellings nearly every event uses, without the lower-casing copy Level.parse makes.
    switch (text) {
      case "INFO", "info", "Info", "Information" -> {
        return Level.INFO;
      }
      case "ERROR", "error", "Error" -> {
        return Level.ERROR;
      }
      case "WARN", "warn", "WARNING", "warning", "Warning", "Warn" -> {
        return Level.WARN;
      }
      case "DEBUG", "debug", "Debug" -> {
        return Level.DEBUG;
      }
      default -> {
        // fall through to the general parser below
      }
    }
    Level level = Level.parse(text);
    if (level != null) {
      return level;
    }
    String trimmed = text.trim();
    if (!trimmed.isEmpty() && trimmed.length() <= 9 && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return fromNumber(Long.parseLong(trimmed));
    }
    return null;
  }

  /** The level a number names under the rule above, or {@code null}. */
  public static Level fromNumber(long number) {
    if (number >= 0 && number <= 7) {
      return Level.fromSyslogSeverity((int) number);
    }
    if (number >= 10 && number <= 60 && number % 10 == 0) {
      return switch ((int) number) {
        case 10 -> Level.TRACE;
        case 20 -> Level.DEBUG;
        case 30 -> Level.INFO;
        case 40 -> Level.WARN;
        case 50 -> Level.ERROR;
        default -> Level.FATAL;
      };
    }
    if (number >= 8 && number <= 24) {
      return Level.fromOtelSeverityNumber((int) number);
    }
    return null;
  }
}
