package dev.corral.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The canonical JSON form of a {@link LogEvent}: one flat object with {@code timestamp}
 * (ISO-8601 UTC), {@code level}, {@code message} and then every field under its dotted name.
 * It is what the WAL holds, what the store keeps as the event's source and what the API returns.
 *
 * <p>{@link #read} accepts only this form (it does no aliasing or normalization); foreign shapes
 * go through the normalizer. Thread-safe.
 */
public final class CanonicalJson {
  /** Shared factory: thread-safe, and the expensive part of Jackson to create. */
  public static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** The reserved names, quoted and encoded once instead of for every event. */
  private static final SerializableString TIMESTAMP = new SerializedString(FieldNames.TIMESTAMP);
  private static final SerializableString LEVEL = new SerializedString(FieldNames.LEVEL);
  private static final SerializableString MESSAGE = new SerializedString(FieldNames.MESSAGE);
  /** Each level's name, as a quoted JSON string. */
  private static final SerializableString[] LEVELS = levelNames();
  /** Field names recently written, quoted: most names are copied, not escaped again. */
  private static final QuotedNames NAMES = new QuotedNames();

  private CanonicalJson() {}

  /** Writes the event as one JSON object to the generator. */
  public static void write(LogEvent event, JsonGenerator out) throws IOException {
    write(event, out, new byte[Timestamps.MAX_ISO_LENGTH]);
  }

  /**
   * {@link #write(LogEvent, JsonGenerator)} with a scratch array for the timestamp's text, of at
   * least {@link Timestamps#MAX_ISO_LENGTH} bytes, that the caller reuses across events.
   */
  static void write(LogEvent event, JsonGenerator out, byte[] timestampScratch) throws IOException {
    out.writeStartObject();
    out.writeFieldName(TIMESTAMP);
    // ISO-8601 digits and separators only: nothing to escape
    out.writeRawUTF8String(timestampScratch, 0, Timestamps.formatTo(event.timestamp(), timestampScratch, 0));
    out.writeFieldName(LEVEL);
    out.writeString(LEVELS[event.level().ordinal()]);
    out.writeFieldName(MESSAGE);
    out.writeString(event.message());
    Fields fields = event.fields();
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.name(i);
      SerializableString quoted = NAMES.of(name);
      if (quoted != null) {
        out.writeFieldName(quoted);
      } else {
        out.writeFieldName(name);
      }
      writeValue(fields.value(i), out);
    }
    out.writeEndObject();
  }

  private static SerializableString[] levelNames() {
    Level[] levels = Level.values();
    SerializableString[] names = new SerializableString[levels.length];
    for (Level level : levels) {
      names[level.ordinal()] = new SerializedString(level.name());
    }
    return names;
  }

  /** Writes the event as one JSON object (no trailing newline) to a stream. */
  public static void write(LogEvent event, OutputStream out) {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(event, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event as UTF-8 JSON bytes. */
  public static byte[] toBytes(LogEvent event) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
    write(event, out);
    return out.toByteArray();
  }

  private static void writeValue(Object value, JsonGenerator out) throws IOException {
    switch (value) {
      case String s -> out.writeString(s);
      case Long l -> out.writeNumber(l);
      case Double d -> out.writeNumber(d);
      case Boolean b -> out.writeBoolean(b);
      default -> throw new IllegalStateException("BUG: unsupported field value " + value.getClass());
    }
  }

  /**
   * Reads one canonical event from {@code length} bytes at {@code offset}.
   *
   * @throws IllegalArgumentException when the bytes are not a canonical event
   */
  public static LogEvent read(byte[] bytes, int offset, int length) {
    try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("canonical event must be a JSON object");
      }
      long timestamp = Long.MIN_VALUE;
      Level level = null;
      String message = null;
      Fields.Builder fields = Fields.builder(16);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case FieldNames.TIMESTAMP -> timestamp = Timestamps.parseIso(parser.getText());
          case FieldNames.LEVEL -> level = Level.valueOf(parser.getText());
          case FieldNames.MESSAGE -> message = parser.getText();
          default -> fields.put(name, readValue(parser, token, name));
        }
      }
      if (timestamp == Long.MIN_VALUE || level == null || message == null) {
        throw new IllegalArgumentException("canonical event lacks timestamp, level or message");
      }
      return new LogEvent(timestamp, level, message, fields.build());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a canonical event: " + e.getMessage(), e);
    }
  }

  private static Object readValue(JsonParser parser, JsonToken token, String name) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("canonical field " + name + " has a non-scalar value");
    };
  }
}
