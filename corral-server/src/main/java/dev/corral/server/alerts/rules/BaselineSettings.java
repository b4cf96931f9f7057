package dev.corral.server.alerts.rules;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A baseline rule's settings: the statistic (a percentile of a numeric field) compared now with its
 * own past.
 *
 * @param field {@code field}, required: the numeric field, e.g. {@code duration_ms}
 * @param percentile {@code percentile}, default 95 ({@code p95} or {@code 95})
 * @param factor {@code factor}, default 2: satisfied when now &gt; factor × baseline
 * @param reference {@code reference}, default {@code previous_hour}
 * @param minEvents {@code min_events}, default {@value #DEFAULT_MIN_EVENTS}: a group with fewer events in the
 *     window or in the reference is not judged (never satisfied)
 */
record BaselineSettings(String field, double percentile, double factor, Reference reference, int minEvents) {
  /** Fewer samples than this make a p95 one outlier wide. */
  static final int DEFAULT_MIN_EVENTS = 20;

  /** The stretch of the past the baseline is taken from. */
  enum Reference {
    /** The hour before the window. */
    PREVIOUS_HOUR,
    /** The same window on each of the last 7 days; the baseline is the median of the days that have enough events. */
    SAME_HOUR_LAST_7_DAYS;

    static Reference of(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "previous_hour" -> PREVIOUS_HOUR;
        case "same_hour_last_7_days", "same_hour_7d" -> SAME_HOUR_LAST_7_DAYS;
        default -> throw new IllegalArgumentException("setting 'reference' of a baseline rule is '" + text
            + "'; expected previous_hour or same_hour_last_7_days");
      };
    }
  }

  static BaselineSettings from(Map<String, Object> settings) {
    SettingsReader reader = new SettingsReader("baseline", settings,
        Set.of("field", "percentile", "factor", "reference", "min_events"));
    String field = reader.text("field", null);
    if (field == null) {
      throw new IllegalArgumentException("a baseline rule needs settings.field, the numeric field whose percentile"
          + " is compared, e.g. duration_ms");
    }
    if (settings.get("percentile") instanceof String text && text.toLowerCase(Locale.ROOT).startsWith("p")) {
      Map<String, Object> numeric = new java.util.HashMap<>(settings);
      numeric.put("percentile", text.substring(1)); // p95 is 95
      reader = new SettingsReader("baseline", numeric, numeric.keySet());
    }
    return new BaselineSettings(field, reader.number("percentile", 95, 1, 100), reader.number("factor", 2, 1.0, 1e6),
        Reference.of(reader.text("reference", "previous_hour")),
        reader.whole("min_events", DEFAULT_MIN_EVENTS, 1, 1_000_000));
  }
}
