package dev.corral.server.inputs.fluent;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.Normalizer;

/**
 * Turns a forward entry (tag, time, record fields) into a canonical {@link LogEvent}:
 *
 * <ul>
 *   <li>the record's fields go through the normalizer (alias table): {@code log} and
 *       {@code message} become the message, {@code level}/{@code severity} the level,
 *       {@code service_name}/{@code app} the service, and so on;
 *   <li>the timestamp is the entry's time (nanosecond precision with EventTime). A field of the
 *       record that the alias table reads as a time ({@code time}, {@code @timestamp}, …) keeps its
 *       own name and value; one named exactly {@code timestamp} is kept as {@code timestamp_original};
 *   <li>the tag is kept as {@code tag} (a record field named {@code tag} is kept as
 *       {@code tag_original}) and names the {@code service} when the record names none
 *       (Fluent Bit tags such as {@code app.checkout});
 *   <li>one trailing line break of the message is dropped ({@code log} lines from files and Docker
 *       end with {@code \n}).
 * </ul>
 * Immutable and thread-safe.
 */
final class EventMapper {
  /** The field that keeps the forward tag. */
  static final String TAG = "tag";
  /** Where a record's own {@code tag} field goes. */
  static final String TAG_ORIGINAL = "tag_original";

  private final Normalizer normalizer;

  EventMapper(Normalizer normalizer) {
    this.normalizer = normalizer;
  }

  LogEvent toEvent(String tag, long timeNanos, Fields record) {
    Fields.Builder raw = Fields.builder(record.size() + 2);
    // Claims the canonical name first, so that a time-like field of the record is not taken as the
    // timestamp and keeps its own name; the value is replaced by the entry's time below.
    raw.put(FieldNames.TIMESTAMP, 0L);
    for (int i = 0; i < record.size(); i++) {
      String name = record.name(i);
      if (name.equals(FieldNames.TIMESTAMP)) {
        name = FieldNames.TIMESTAMP_ORIGINAL;
      } else if (name.equals(TAG)) {
        name = TAG_ORIGINAL;
      }
      raw.put(name, record.value(i));
    }
    raw.put(TAG, tag);
    LogEvent normalized = normalizer.normalize(raw.build(), timeNanos);
    Fields fields = normalized.fields();
    if (fields.get(FieldNames.SERVICE) == null && !tag.isEmpty()) {
      Fields.Builder named = Fields.builder(fields.size() + 1);
      fields.forEach(named::put);
      fields = named.put(FieldNames.SERVICE, tag).build();
    }
    return new LogEvent(timeNanos, normalized.level(), withoutTrailingBreak(normalized.message()), fields);
  }

  private static String withoutTrailingBreak(String message) {
    if (message.endsWith("\r\n")) {
      return message.substring(0, message.length() - 2);
    }
    if (message.endsWith("\n")) {
      return message.substring(0, message.length() - 1);
    }
    return message;
  }
}
