package dev.corral.server.inputs.fluent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.Fields;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.model.normalize.MultiValuedFields;
import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads one msgpack value at an unpacker into Corral fields, never trusting a length before it
 * is checked against the limits:
 *
 * <ul>
 *   <li>a map nests with dots ({@code kubernetes.labels.app}); keys are strings, or binary, integer
 *       and boolean keys as their text; an empty key is left out;
 *   <li>strings stay text (invalid UTF-8 becomes U+FFFD); binary becomes its text when it is
 *       valid UTF-8, base64 otherwise; integers are {@code Long} (an unsigned 64-bit value beyond
 *       it keeps its digits as text); floats are {@code Double} (non-finite ones their text);
 *       booleans stay booleans; nil leaves the field out;
 *   <li>an array is kept whole as compact JSON text and counts as one field;
 *   <li>a name met twice (a dotted key and a nested map) keeps both values as a multi-valued
 *       field ({@link MultiValuedFields});
 *   <li>an EventTime or msgpack timestamp extension becomes ISO-8601 text; another extension its
 *       payload in base64.
 * </ul>
 *
 * <p>Limits ({@code ingest.max_event_bytes} over the whole entry, {@code ingest.max_fields},
 * {@code ingest.max_depth}) are enforced while reading: nothing larger than the remaining event
 * budget is ever allocated, and a value claiming more elements than it has costs only the bytes
 * actually sent. On a limit the rest of the value is skipped (iteratively, without building it) so
 * the unpacker ends up after the value, and {@link InvalidEventException} names the limit.
 * Malformed msgpack ends the read with the library's runtime {@code MessagePackException}.
 *
 * <p>One per connection; not thread-safe.
 */
final class RecordReader {
  /** Chunk used to skip over a rejected payload without allocating it. */
  private static final int SKIP_CHUNK = 8192;
  /** Fields a typical record carries; the builder grows past it. */
  private static final int EXPECTED_FIELDS = 16;

  private final DecodeLimits limits;
  private final JsonFactory json;
  private final byte[] scratch = new byte[SKIP_CHUNK];
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  private MessageUnpacker in;
  private long start;
  private MultiValuedFields fields;
  private int count;
  private String error;
  /** The text of a value that was no map, for {@link #partialText()}. */
  private String partial;

  RecordReader(DecodeLimits limits, JsonFactory json) {
    this.limits = limits;
    this.json = json;
  }

  /**
   * Reads the map at the unpacker as flattened fields.
   *
   * @param entryStart the unpacker position where the entry began: the event byte budget counts from it
   * @throws InvalidEventException when the value is no map or breaks a limit; the value was consumed
   */
  Fields readMap(MessageUnpacker unpacker, long entryStart) throws IOException, InvalidEventException {
    begin(unpacker, entryStart);
    MessageFormat format = in.getNextFormat();
    if (format.getValueType() != ValueType.MAP) {
      String text = json();
      partial = text;
      throw new InvalidEventException("record is " + describe(format) + " " + Excerpt.cut(text)
          + ", expected a map of fields");
    }
    fields = new MultiValuedFields(EXPECTED_FIELDS);
    members(in.unpackMapHeader(), null, 1);
    if (error != null) {
      throw new InvalidEventException(error);
    }
    return fields.build();
  }

  /**
   * The value at the unpacker as compact JSON text (for excerpts), cut where a limit stopped it;
   * the value is consumed either way.
   */
  String readJson(MessageUnpacker unpacker, long entryStart) throws IOException {
    begin(unpacker, entryStart);
    return json();
  }

  private void begin(MessageUnpacker unpacker, long entryStart) {
    in = unpacker;
    start = entryStart;
    count = 0;
    error = null;
    partial = null;
    fields = null;
  }

  /** What the last {@link #readMap} read before it was rejected, as text for an excerpt. */
  String partialText() {
    if (partial != null) {
      return Excerpt.of(partial);
    }
    return fields == null ? "" : Excerpt.of(fields.build().toString());
  }

  private String json() throws IOException {
    StringWriter text = new StringWriter(64);
    try (JsonGenerator generator = json.createGenerator(text)) {
      write(generator, "(record)", 0);
    }
    return text.toString();
  }

  private void members(int size, String prefix, int depth) throws IOException {
    for (int i = 0; i < size; i++) {
      if (error != null) {
        skip(size - i);
        skip(size - i);
        return;
      }
      String key = key(prefix);
      if (key == null) {
        in.skipValue();
        continue;
      }
      String name = prefix == null ? key : prefix + '.' + key;
      value(name, depth);
      checkBudget(name);
    }
  }

  private void value(String name, int depth) throws IOException {
    MessageFormat format = in.getNextFormat();
    switch (format.getValueType()) {
      case NIL -> in.unpackNil();
      case MAP -> {
        if (enter(name, depth)) {
          members(in.unpackMapHeader(), name, depth + 1);
        }
      }
      case ARRAY -> {
        if (enter(name, depth)) {
          StringWriter text = new StringWriter(32);
          try (JsonGenerator generator = json.createGenerator(text)) {
            write(generator, name, depth);
          }
          addArray(name, text.toString());
        }
      }
      default -> add(name, scalar(format, name));
    }
  }

  /** Whether a container under {@code name} may open below {@code depth}; records the error if not. */
  private boolean enter(String name, int depth) throws IOException {
    if (depth + 1 > limits.maxDepth()) {
      fail("nesting depth " + (depth + 1) + " exceeds the limit of " + limits.maxDepth() + " (ingest.max_depth) at field "
          + Excerpt.quote(name));
      in.skipValue();
      return false;
    }
    return true;
  }

  private void add(String name, Object value) {
    if (value != null && counted(name)) {
      fields.add(name, value);
    }
  }

  private void addArray(String name, String json) {
    if (counted(name)) {
      fields.addArray(name, json);
    }
  }

  /** Counts one more field; false (the error recorded) past the limit or after an earlier error. */
  private boolean counted(String name) {
    if (error != null) {
      return false;
    }
    if (++count > limits.maxFields()) {
      fail("record has more than " + limits.maxFields() + " fields, more than the limit of " + limits.maxFields()
          + " (ingest.max_fields), at field " + Excerpt.quote(name));
      return false;
    }
    return true;
  }

  /** A map key as a field name part, or null when the member is to be left out (value not yet consumed). */
  private String key(String prefix) throws IOException {
    MessageFormat format = in.getNextFormat();
    String key = switch (format.getValueType()) {
      case STRING, BINARY, INTEGER, BOOLEAN, FLOAT -> {
        Object scalar = scalar(format, prefix == null ? "(key)" : prefix);
        yield scalar == null ? null : scalar.toString();
      }
      default -> {
        fail("a key in " + (prefix == null ? "the record" : "field " + Excerpt.quote(prefix)) + " is "
            + describe(format) + ", expected a string");
        in.skipValue();
        yield null;
      }
    };
    return key == null || key.isEmpty() ? null : key;
  }

  /** A scalar value, or null (with the error recorded) when it is over the byte budget. */
  private Object scalar(MessageFormat format, String name) throws IOException {
    return switch (format.getValueType()) {
      case BOOLEAN -> in.unpackBoolean();
      case INTEGER -> format == MessageFormat.UINT64 ? integer(in.unpackBigInteger()) : (Object) in.unpackLong();
      case FLOAT -> {
        double value = in.unpackDouble();
        yield Double.isFinite(value) ? (Object) value : Double.toString(value);
      }
      case STRING -> {
        byte[] bytes = payload(in.unpackRawStringHeader(), name);
        yield bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
      }
      case BINARY -> {
        byte[] bytes = payload(in.unpackBinaryHeader(), name);
        yield bytes == null ? null : binaryText(bytes);
      }
      case EXTENSION -> extension(name);
      case NIL, MAP, ARRAY -> throw new IllegalStateException("BUG: " + format + " is no scalar");
    };
  }

  private static Object integer(BigInteger value) {
    return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value.toString();
  }

  private String binaryText(byte[] bytes) {
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Base64.getEncoder().encodeToString(bytes);
    }
  }

  private String extension(String name) throws IOException {
    ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
    if (header.isTimestampType()) {
      return in.unpackTimestamp(header).toString();
    }
    byte[] bytes = payload(header.getLength(), name);
    if (bytes == null) {
      return null;
    }
    if (header.getType() == EventTimes.EXT_TYPE && bytes.length == EventTimes.EXT_LENGTH) {
      return Instant.ofEpochSecond(EventTimes.seconds(bytes), EventTimes.nanos(bytes)).toString();
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The payload of {@code length} bytes, or null when it would break the budget (then it is skipped). */
  private byte[] payload(int length, String name) throws IOException {
    long used = in.getTotalReadBytes() - start;
    if (length < 0 || used + length > limits.maxEventBytes()) {
      fail("field " + Excerpt.quote(name) + " holds " + Integer.toUnsignedLong(length)
          + " bytes, more than the limit of " + limits.maxEventBytes() + " bytes per event (ingest.max_event_bytes)");
      skipBytes(Integer.toUnsignedLong(length));
      return null;
    }
    return in.readPayload(length);
  }

  private void skipBytes(long length) throws IOException {
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(left, scratch.length);
      in.readPayload(scratch, 0, n);
      left -= n;
    }
  }

  private void checkBudget(String name) {
    long used = in.getTotalReadBytes() - start;
    if (error == null && used > limits.maxEventBytes()) {
      fail("entry is more than " + limits.maxEventBytes() + " bytes (ingest.max_event_bytes) at field "
          + Excerpt.quote(name));
    }
  }

  /** Writes the value at the unpacker as JSON, stopping (and skipping the rest) once an error is recorded. */
  private void write(JsonGenerator out, String name, int depth) throws IOException {
    MessageFormat format = in.getNextFormat();
    switch (format.getValueType()) {
      case NIL -> {
        in.unpackNil();
        out.writeNull();
      }
      case ARRAY -> {
        int size = in.unpackArrayHeader();
        out.writeStartArray();
        for (int i = 0; i < size; i++) {
          if (error != null || !nest(name, depth)) {
            skip(size - i);
            break;
          }
          write(out, name, depth + 1);
        }
        out.writeEndArray();
      }
      case MAP -> {
        int size = in.unpackMapHeader();
        out.writeStartObject();
        for (int i = 0; i < size; i++) {
          if (error != null || !nest(name, depth)) {
            skip(size - i);
            skip(size - i);
            break;
          }
          String key = key(name);
          if (key == null) {
            in.skipValue();
            continue;
          }
          out.writeFieldName(key);
          write(out, name, depth + 1);
        }
        out.writeEndObject();
      }
      default -> {
        Object value = scalar(format, name);
        switch (value) {
          case null -> out.writeNull();
          case Long number -> out.writeNumber(number);
          case Double number -> out.writeNumber(number);
          case Boolean bool -> out.writeBoolean(bool);
          default -> out.writeString(value.toString());
        }
      }
    }
    checkBudget(name);
  }

  /** Whether the elements of a container at {@code depth} may be read; records the error if not. */
  private boolean nest(String name, int depth) {
    if (depth + 1 > limits.maxDepth()) {
      fail("nesting depth " + (depth + 1) + " exceeds the limit of " + limits.maxDepth() + " (ingest.max_depth) at field "
          + Excerpt.quote(name));
      return false;
    }
    return true;
  }

  private void skip(int values) throws IOException {
    if (values > 0) {
      in.skipValue(values);
    }
  }

  private void fail(String reason) {
    if (error == null) {
      error = reason;
    }
  }

  /** A value's msgpack type for reasons: {@code a STRING}, {@code an ARRAY}. */
  static String describe(MessageFormat format) {
    String type = format == MessageFormat.NEVER_USED ? "NEVER_USED" : format.getValueType().name();
    return ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }
}
