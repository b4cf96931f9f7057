package dev.corral.server.alerts.rules;

import dev.corral.query.TimeExpression;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a rule's kind-specific {@code settings:} map with typed getters; every problem is an
 * {@link IllegalArgumentException} naming the key, the value and what was expected (the rule reader
 * adds the file and line).
 */
final class SettingsReader {
  private final String kind;
  private final Map<String, Object> settings;

  /**
   * @param allowed the keys this kind reads; any other is refused
   */
  SettingsReader(String kind, Map<String, Object> settings, Set<String> allowed) {
    this.kind = kind;
    this.settings = settings;
    for (String key : settings.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("unknown setting '" + key + "' for a " + kind + " rule; expected one of "
            + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  String text(String key, String fallback) {
    Object value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("setting '" + key + "' of a " + kind + " rule must be a non-empty text, got "
          + value);
    }
    return text.strip();
  }

  double number(String key, double fallback, double min, double max) {
    Object value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    double number;
    try {
      number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting '" + key + "' of a " + kind + " rule must be a number, got '"
          + value + "'");
    }
    if (!(number >= min && number <= max)) {
      throw new IllegalArgumentException("setting '" + key + "' of a " + kind + " rule is " + value + ", outside "
          + min + ".." + max);
    }
    return number;
  }

  int whole(String key, int fallback, int min, int max) {
    double number = number(key, fallback, min, max);
    if (number != Math.rint(number)) {
      throw new IllegalArgumentException("setting '" + key + "' of a " + kind + " rule must be a whole number, got "
          + settings.get(key));
    }
    return (int) number;
  }

  Duration duration(String key, Duration fallback) {
    Object value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    Duration duration = RuleDurations.parse(value.toString());
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("setting '" + key + "' of a " + kind + " rule must be above zero, got '"
          + value + "'");
    }
    return duration;
  }

  /** Durations as rule files write them ({@code 30s}, {@code 2m}, {@code 1h}). */
  static final class RuleDurations {
    private RuleDurations() {}

    /** Reads {@code text}; a leading minus sign is kept so that the caller refuses it by name. */
    static Duration parse(String text) {
      String trimmed = text.strip();
      if (trimmed.equals("0")) {
        return Duration.ZERO;
      }
      if (trimmed.startsWith("-")) {
        return TimeExpression.parseDuration(trimmed.substring(1)).negated();
      }
      return TimeExpression.parseDuration(trimmed);
    }
  }
}
