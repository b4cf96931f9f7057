package dev.corral.query.eval;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;

/** A copy of an event with one field set, as {@code | eval} sets it on events. */
final class EventFields {
  private EventFields() {}

  /**
   * {@code event} with the field {@code typed} (resolved like a filter field name) set to {@code
   * value}: a Long, Double, String or Boolean, or null to remove it.
   *
   * @throws IllegalStateException when the name is timestamp, level or message (the parser refuses
   *     them)
   */
  static LogEvent with(LogEvent event, String typed, Object value) {
    String name = FieldNames.canonical(typed);
    if (name.equals(FieldNames.TIMESTAMP) || name.equals(FieldNames.LEVEL) || name.equals(FieldNames.MESSAGE)) {
      throw new IllegalStateException("BUG: eval may not set " + name + "; the parser refuses it");
    }
    if (value == null && event.fields().get(name) == null) {
      return event;
    }
    Fields.Builder fields = Fields.builder(event.fields().size() + 1);
    event.fields().forEach((key, old) -> {
      if (!key.equals(name)) {
        fields.put(key, old);
      }
    });
    if (value != null) {
      fields.put(name, value);
    }
    return new LogEvent(event.timestamp(), event.level(), event.message(), fields.build());
  }
}
