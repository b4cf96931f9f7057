package dev.corral.query.eval;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test events, built tersely. */
final class Events {
  static final Instant T0 = Instant.parse("2026-11-21T17:00:00Z");

  private Events() {}

  /** An event at T0 + seconds with alternating name, value pairs as fields. */
  static LogEvent event(long seconds, Level level, String message, Object... fields) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      map.put((String) fields[i], fields[i + 1]);
    }
    return new LogEvent(Timestamps.toNanos(T0.plusSeconds(seconds)), level, message, Fields.of(map));
  }

  static LogEvent event(String message, Object... fields) {
    return event(0, Level.INFO, message, fields);
  }
}
