package dev.corral.server.alerts.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An absence rule's settings.
 *
 * @param lookback {@code lookback}, default {@link #DEFAULT_LOOKBACK}: a group (e.g. a service) seen in this stretch
 *     before the window but with no event in the window is absent; it must be longer than the window
 */
record AbsenceSettings(Duration lookback) {
  /** A service silent for a day is decommissioned, not dead. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);

  static AbsenceSettings from(Map<String, Object> settings, Duration window) {
    SettingsReader reader = new SettingsReader("absence", settings, Set.of("lookback"));
    Duration lookback = reader.duration("lookback", DEFAULT_LOOKBACK);
    if (lookback.compareTo(window) <= 0) {
      throw new IllegalArgumentException("setting 'lookback' (" + lookback + ") of an absence rule must be longer than"
          + " its window (" + window + ")");
    }
    return new AbsenceSettings(lookback);
  }
}
