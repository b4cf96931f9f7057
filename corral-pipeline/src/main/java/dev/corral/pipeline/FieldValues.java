package dev.corral.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import dev.corral.model.normalize.Utf8Text;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The value types a {@link Document} holds, checked and normalized in one place: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code List} of those (lists may nest) and {@code
 * null}. Stateless.
 */
public final class FieldValues {
  private FieldValues() {}

  /**
   * {@code value} in the document's types: an {@code Integer}, {@code Short} or {@code Byte}
   * becomes a {@code Long}, a {@code Float} a {@code Double}, a list an unmodifiable copy of its
   * normalized items, and a string with an unpaired surrogate (invalid UTF-16, which no JSON
   * writer can encode) gets U+FFFD in its place.
   *
   * @throws IllegalArgumentException for any other type (a map: set its fields by dotted name)
   */
  public static Object normalize(String field, Object value) {
    return switch (value) {
      case null -> null;
      case String text -> withoutLoneSurrogates(text);
      case Long number -> number;
      case Double number -> number;
      case Boolean bool -> bool;
      case Integer number -> number.longValue();
      case Short number -> number.longValue();
      case Byte number -> number.longValue();
      case Float number -> number.doubleValue();
      case List<?> list -> {
        List<Object> items = new ArrayList<>(list.size());
        for (Object item : list) {
          items.add(normalize(field, item));
        }
        yield Collections.unmodifiableList(items);
      }
      case Map<?, ?> map -> throw new IllegalArgumentException("field '" + field
          + "' cannot hold an object; set its members as dotted names (" + field + ".name)");
      default -> throw new IllegalArgumentException("field '" + field + "' cannot hold a "
          + value.getClass().getSimpleName() + " (" + value + "); values are text, numbers, booleans and lists");
    };
  }

  /** About the bytes the value takes in JSON: UTF-8 text, a number's digits, a list's items. */
  public static long size(Object value) {
    return switch (value) {
      case null -> 4;
      case String text -> Utf8Text.encodedLength(text) + 2;
      case List<?> list -> {
        long bytes = 2;
        for (Object item : list) {
          bytes += size(item) + 1;
        }
        yield bytes;
      }
      default -> value.toString().length();
    };
  }

  /** {@code text} with each unpaired surrogate replaced by U+FFFD; the same instance when it has none. */
  public static String withoutLoneSurrogates(String text) {
    StringBuilder repaired = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        if (repaired != null) {
          repaired.append(c);
        }
        continue;
      }
      boolean paired = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        if (repaired != null) {
          repaired.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (repaired == null) {
        repaired = new StringBuilder(length).append(text, 0, i);
      }
      repaired.append('\uFFFD');
    }
    return repaired == null ? text : repaired.toString();
  }

  /** A value for messages: quoted text cut to 60 characters, or the value printed. */
  public static String describe(Object value) {
    if (value instanceof String text) {
      return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
    }
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  /** Compact JSON text of a value: a document's value, or a map of them (as parsed JSON). */
  public static String toJson(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = CanonicalJson.FACTORY.createGenerator(text)) {
      writeValue(value, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing JSON to a string failed", e);
    }
    return text.toString();
  }

  private static void writeValue(Object value, JsonGenerator generator) throws IOException {
    switch (value) {
      case null -> generator.writeNull();
      case Map<?, ?> map -> {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          generator.writeFieldName(String.valueOf(entry.getKey()));
          writeValue(entry.getValue(), generator);
        }
        generator.writeEndObject();
      }
      case List<?> list -> {
        generator.writeStartArray();
        for (Object item : list) {
          writeValue(item, generator);
        }
        generator.writeEndArray();
      }
      case String text -> generator.writeString(text);
      case Long number -> generator.writeNumber(number);
      case Double number -> generator.writeNumber(number);
      case Boolean bool -> generator.writeBoolean(bool);
      default -> generator.writeString(value.toString());
    }
  }
}
