package dev.corral.client;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;

/**
 * One log event in Corral's canonical schema: {@code timestamp}, {@code level}, the {@link Origin} fields
 * ({@code service}, {@code environment}, {@code version}, {@code host}), {@code logger}, {@code thread},
 * {@code message}, {@code exception} and free {@code fields} (MDC / ThreadContext entries such as
 * {@code trace_id}, key-value arguments, markers).
 *
 * <p>{@code fields} is not copied: it is built for this event on the logging thread and handed over, and
 * the caller must not change it afterwards (copying it again would cost every log call). Its values are
 * strings, numbers, booleans, null, or collections of those (sent as JSON arrays); anything else is sent as
 * its {@code toString()}.
 *
 * @param level the level's name in upper case: TRACE, DEBUG, INFO, WARN, ERROR, FATAL
 * @param exception null when the event has none
 */
public record LogEvent(Instant timestamp, String level, Origin origin, String logger, String thread, String message,
    ExceptionDetail exception, Map<String, Object> fields) {
  public LogEvent {
    if (timestamp == null || level == null || origin == null) {
      throw new IllegalArgumentException("an event needs a timestamp, a level and an origin; got " + timestamp + ", "
          + level + ", " + origin);
    }
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(fields);
  }

  /** Whether the drop policy {@link DropPolicy#DROP_DEBUG_FIRST} sacrifices this event first. */
  public boolean verbose() {
    return verbose(level);
  }

  /** Whether events of {@code level} are DEBUG or TRACE. */
  public static boolean verbose(String level) {
    return "DEBUG".equals(level) || "TRACE".equals(level);
  }
}
