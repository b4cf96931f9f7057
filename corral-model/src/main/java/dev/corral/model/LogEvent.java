package dev.corral.model;

import java.util.Objects;

/**
 * One canonical log event: when it happened, how severe it is, what it says, and every other
 * field flattened to dotted names ({@code service}, {@code trace_id}, {@code http.status_code},
 * {@code context.payment_amount}, …). See shared/DESIGN.md for the canonical schema.
 *
 * @param timestamp epoch nanoseconds, UTC
 * @param level severity, never null
 * @param message the human-readable text, never null (may be empty)
 * @param fields all other fields; never contains timestamp, level or message
 */
public record LogEvent(long timestamp, Level level, String message, Fields fields) {
  public LogEvent {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fields, "fields");
  }

  /** The value of a field by canonical name, including timestamp, level and message. */
  public Object get(String name) {
    return switch (name) {
      case FieldNames.TIMESTAMP -> timestamp;
      case FieldNames.LEVEL -> level.name();
      case FieldNames.MESSAGE -> message;
      default -> fields.get(name);
    };
  }

  /** The {@code service} field, or {@code null}. */
  public String service() {
    return fields.getString(FieldNames.SERVICE);
  }
}
