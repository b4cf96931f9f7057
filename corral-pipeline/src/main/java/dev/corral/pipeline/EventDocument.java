package dev.corral.pipeline;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.Timestamps;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Document} of one {@link LogEvent}: built with {@link #of}, changed by processors,
 * turned back into an event with {@link #toEvent()}. Fields keep their order; a new field goes
 * last.
 *
 * <p>The canonical fields keep their types: {@code timestamp} is epoch nanoseconds (a {@code
 * Long}), {@code level} a level's name ({@code set("level", "warning")} stores {@code WARN}),
 * {@code message} text; a value of another type is refused with an {@link
 * IllegalArgumentException} naming the field and the value. One exception, for Elasticsearch's
 * grok patterns ({@code %{HTTPDATE:timestamp}} in {@code COMBINEDAPACHELOG}): text set as {@code
 * timestamp} is held and read back as text until a number replaces it, which is what {@code date}
 * on {@code timestamp} does (see {@link #toEvent()} for text left there). They always exist: removing {@code
 * message} leaves it empty, removing {@code level} makes it {@code INFO}, and {@code timestamp}
 * cannot be removed.
 *
 * <p>Bounded by its {@link DocumentLimits}: a change that would take the event past the field
 * count or size is refused ({@link IllegalArgumentException} naming the count or size and the
 * limit) and leaves the document as it was. A list becomes, in the event, the compact JSON
 * array text that ingest stores for arrays; a {@code null} field is left out of the event.
 *
 * <p>Not thread-safe: one thread processes one document at a time.
 */
public final class EventDocument implements Document {
  /** Where text set as {@code timestamp} that is no ISO 8601 time is kept in the stored event. */
  public static final String TIMESTAMP_TEXT = "timestamp_text";
  private final DocumentLimits limits;
  private final Map<String, Object> fields;
  private long timestamp;
  /**
   * Text a processor set as {@code timestamp} (a grok capture such as {@code %{HTTPDATE:timestamp}}),
   * read back by {@link #get} until a number replaces it (the {@code date} processor); null when the
   * timestamp is a number. See {@link #toEvent()} for text no processor turned into a time.
   */
  private String timestampText;
  private Level level;
  private String message;
  /** Estimated bytes of the fields, names and values (see {@link FieldValues#size}). */
  private long bytes;
  /** The event of the current state, made on demand; null after any change. */
  private LogEvent event;

  private EventDocument(LogEvent event, DocumentLimits limits) {
    this.limits = limits;
    this.timestamp = event.timestamp();
    this.level = event.level();
    this.message = event.message();
    this.fields = new LinkedHashMap<>(event.fields().size() * 2 + 8);
    this.bytes = FieldValues.size(message);
    event.fields().forEach((name, value) -> {
      fields.put(name, value);
      bytes += name.length() + FieldValues.size(value);
    });
    this.event = event;
  }

  /** A document of {@code event} bounded by {@link DocumentLimits#DEFAULTS}. */
  public static EventDocument of(LogEvent event) {
    return of(event, DocumentLimits.DEFAULTS);
  }

  /**
   * A document of {@code event} bounded by {@code limits}. The event may already exceed them (it
   * passed ingest's own checks): only growth past them is refused.
   */
  public static EventDocument of(LogEvent event, DocumentLimits limits) {
    return new EventDocument(Objects.requireNonNull(event, "event"), Objects.requireNonNull(limits, "limits"));
  }

  @Override
  public Object get(String field) {
    return switch (field) {
      case FieldNames.TIMESTAMP -> timestampText != null ? timestampText : (Object) timestamp;
      case FieldNames.LEVEL -> level.name();
      case FieldNames.MESSAGE -> message;
      default -> fields.get(field);
    };
  }

  @Override
  public boolean has(String field) {
    return isCanonical(field) || fields.containsKey(field);
  }

  @Override
  public void set(String field, Object value) {
    Objects.requireNonNull(field, "field");
    switch (field) {
      case FieldNames.TIMESTAMP -> setTimestamp(value);
      case FieldNames.LEVEL -> setLevel(value);
      case FieldNames.MESSAGE -> setMessage(value);
      default -> setField(field, FieldValues.normalize(field, value));
    }
    event = null;
  }

  /**
   * Sets a text field whatever the limits: for the marks the pipeline itself adds ({@code
   * pipeline.error.*}, failure metadata), which must fit even when a processor filled the event
   * to its limits, so that a failure is never lost for want of room.
   */
  public void setOverLimits(String field, String value) {
    boolean present = fields.containsKey(field);
    Object old = fields.put(field, FieldValues.withoutLoneSurrogates(value));
    bytes += FieldValues.size(value) - (present ? FieldValues.size(old) : -field.length());
    event = null;
  }

  @Override
  public Object remove(String field) {
    switch (field) {
      case FieldNames.TIMESTAMP -> throw new IllegalArgumentException(
          "field 'timestamp' cannot be removed: every event has one; set it instead");
      case FieldNames.LEVEL -> {
        String old = level.name();
        level = Level.INFO;
        event = null;
        return old;
      }
      case FieldNames.MESSAGE -> {
        String old = message;
        setMessage("");
        event = null;
        return old;
      }
      default -> {
        if (!fields.containsKey(field)) {
          return null;
        }
        Object old = fields.remove(field);
        bytes -= field.length() + FieldValues.size(old);
        event = null;
        return old;
      }
    }
  }

  @Override
  public List<String> names() {
    List<String> names = new ArrayList<>(fields.size() + 3);
    names.add(FieldNames.TIMESTAMP);
    names.add(FieldNames.LEVEL);
    names.add(FieldNames.MESSAGE);
    names.addAll(fields.keySet());
    return names;
  }

  /** The number of fields besides timestamp, level and message. */
  public int fieldCount() {
    return fields.size();
  }

  /** The estimated size of the event in bytes, as counted against {@link DocumentLimits#maxBytes()}. */
  public long estimatedBytes() {
    return bytes;
  }

  /** The limits this document enforces. */
  public DocumentLimits limits() {
    return limits;
  }

  /** A copy of this document with the same fields and limits, changed independently. */
  public EventDocument copy() {
    EventDocument copy = new EventDocument(new LogEvent(timestamp, level, message, Fields.empty()), limits);
    copy.fields.putAll(fields);
    copy.timestampText = timestampText;
    copy.bytes = bytes;
    copy.event = event;
    return copy;
  }

  /** Every field in order, canonical ones first, as a new map (lists as lists, nulls kept). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>(fields.size() * 2 + 8);
    map.put(FieldNames.TIMESTAMP, get(FieldNames.TIMESTAMP));
    map.put(FieldNames.LEVEL, level.name());
    map.put(FieldNames.MESSAGE, message);
    map.putAll(fields);
    return map;
  }

  /**
   * The event of the document's current state: fields in order, a list as its compact JSON array
   * text, {@code null} fields left out. The same instance until the document changes. Text left in
   * {@code timestamp} (captured, never turned into a time by {@code date}) becomes the time when it
   * is ISO 8601; otherwise the event keeps its time and the text is kept in {@value #TIMESTAMP_TEXT}.
   */
  public LogEvent toEvent() {
    if (event == null) {
      Fields.Builder builder = Fields.builder(fields.size() + 1);
      fields.forEach((name, value) -> {
        if (value != null) {
          builder.put(name, value instanceof List<?> ? FieldValues.toJson(value) : value);
        }
      });
      long time = timestamp;
      if (timestampText != null) {
        try {
          time = Timestamps.parseIso(timestampText);
        } catch (RuntimeException notIso) {
          builder.put(TIMESTAMP_TEXT, timestampText);
        }
      }
      event = new LogEvent(time, level, message, builder.build());
    }
    return event;
  }

  private void setTimestamp(Object value) {
    if (value instanceof String text) {
      timestampText = text;
      return;
    }
    if (!(value instanceof Long || value instanceof Integer)) {
      throw new IllegalArgumentException("field 'timestamp' must be epoch nanoseconds (a whole number), got "
          + FieldValues.describe(value) + "; the date processor turns text into a timestamp");
    }
    timestamp = ((Number) value).longValue();
    timestampText = null;
  }

  private void setLevel(Object value) {
    Level parsed = value instanceof String text ? Level.parse(text) : null;
    if (parsed == null) {
      throw new IllegalArgumentException("field 'level' must name a level (TRACE, DEBUG, INFO, WARN, ERROR, FATAL"
          + " or an alias such as warning), got " + FieldValues.describe(value));
    }
    level = parsed;
  }

  private void setMessage(Object value) {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException("field 'message' must be text, got " + FieldValues.describe(value)
          + "; the convert processor turns a value into text");
    }
    String repaired = FieldValues.withoutLoneSurrogates(text);
    long grown = bytes - FieldValues.size(message) + FieldValues.size(repaired);
    requireSize(FieldNames.MESSAGE, grown);
    bytes = grown;
    message = repaired;
  }

  private void setField(String field, Object value) {
    boolean present = fields.containsKey(field);
    if (!present && fields.size() >= limits.maxFields()) {
      throw new IllegalArgumentException("adding field '" + field + "' would give the event " + (fields.size() + 1)
          + " fields, over the limit of " + limits.maxFields());
    }
    long grown = bytes + FieldValues.size(value)
        - (present ? FieldValues.size(fields.get(field)) : -field.length());
    requireSize(field, grown);
    fields.put(field, value);
    bytes = grown;
  }

  private void requireSize(String field, long grown) {
    if (grown > limits.maxBytes() && grown > bytes) {
      throw new IllegalArgumentException("setting field '" + field + "' would make the event about " + grown
          + " bytes, over the limit of " + limits.maxBytes());
    }
  }

  private static boolean isCanonical(String field) {
    return field.equals(FieldNames.TIMESTAMP) || field.equals(FieldNames.LEVEL) || field.equals(FieldNames.MESSAGE);
  }
}
