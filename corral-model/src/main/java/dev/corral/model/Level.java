package dev.corral.model;

import java.util.Locale;

/** Severity of an event, ordered from least to most severe. */
public enum Level {
  TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

  /**
   * Reads the level names and numbers that log libraries emit ({@code warning}, {@code err},
   * {@code critical}, {@code Information}, syslog severities 0-7 as strings are not handled
   * here — see {@link #fromSyslogSeverity(int)}).
   *
   * @return the level, or {@code null} when the text names no known level
   */
  public static Level parse(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "trace", "finest", "finer", "verbose" -> TRACE;
      case "debug", "fine", "config", "dbg" -> DEBUG;
      case "info", "information", "informational", "notice", "inf", "log" -> INFO;
      case "warn", "warning", "wrn" -> WARN;
      case "error", "err", "severe", "exception", "eror" -> ERROR;
      case "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic", "ftl" -> FATAL;
      default -> null;
    };
  }

  /** Maps a syslog severity (RFC 5424: 0 emergency … 7 debug) to a level. */
  public static Level fromSyslogSeverity(int severity) {
    return switch (severity) {
      case 0, 1, 2 -> FATAL;
      case 3 -> ERROR;
      case 4 -> WARN;
      case 5, 6 -> INFO;
      default -> DEBUG;
    };
  }

  /** Maps an OpenTelemetry severity number (1-24) to a level; 0 or out of range gives INFO. */
  public static Level fromOtelSeverityNumber(int number) {
    if (number >= 21) return FATAL;
    if (number >= 17) return ERROR;
    if (number >= 13) return WARN;
    if (number >= 9) return INFO;
    if (number >= 5) return DEBUG;
    if (number >= 1) return TRACE;
    return INFO;
  }
}
