package dev.corral.server.alerts.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A match rule's settings.
 *
 * @param throttle {@code throttle}, default {@link #DEFAULT_THROTTLE}: at most one evaluation per throttle period,
 *     carrying the count of matches since the last and the first of them
 * @param sample {@code sample}, default {@value #DEFAULT_SAMPLE}: how many of the first matching events it carries
 */
record MatchSettings(Duration throttle, int sample) {
  /** One message a minute is what a responder reads during a storm of the same error. */
  static final Duration DEFAULT_THROTTLE = Duration.ofMinutes(1);
  /** A handful of events shows the pattern; the count says how many there were. */
  static final int DEFAULT_SAMPLE = 5;

  static MatchSettings from(Map<String, Object> settings) {
    SettingsReader reader = new SettingsReader("match", settings, Set.of("throttle", "sample"));
    return new MatchSettings(reader.duration("throttle", DEFAULT_THROTTLE), reader.whole("sample", DEFAULT_SAMPLE, 1, 100));
  }
}
