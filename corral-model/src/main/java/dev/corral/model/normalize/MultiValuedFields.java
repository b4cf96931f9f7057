package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import dev.corral.model.Fields;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the flattened fields of one incoming event so that nothing is lost when a name comes
 * back: a name added more than once ({@code {"a":{"b":1},"a.b":2}}, or a repeated key) becomes
 * multi-valued, stored like an array sent as such, as the compact JSON array of its values in
 * event order ({@code [1,2]}), at the place of its first occurrence. An array value is nested as
 * an array ({@code [[1,2],3]}). Every decoder that flattens nested input uses it, so the rule is
 * the same for every input.
 *
 * <p>One instance per event; not thread-safe.
 */
public final class MultiValuedFields {
  private static final JsonFactory JSON = CanonicalJson.FACTORY;

  private final Fields.Builder fields;
  /** Every value of each name added more than once, in order; null while there is none. */
  private Map<String, List<Object>> repeated;
  /** Names whose first value is an array's JSON text; null while there is none. */
  private Set<String> arrays;

  /** @param expected fields a typical event carries; it grows past it */
  public MultiValuedFields(int expected) {
    this.fields = Fields.builder(expected);
  }

  /** Adds a String, Long, Double or Boolean value. */
  public void add(String name, Object value) {
    Object earlier = fields.putIfAbsent(name, value);
    if (earlier != null) {
      repeat(name, earlier, value);
    }
  }

  /** Adds an array, given as its compact JSON text. */
  public void addArray(String name, String json) {
    Object earlier = fields.putIfAbsent(name, json);
    if (earlier == null) {
      if (arrays == null) {
        arrays = new HashSet<>();
      }
      arrays.add(name);
    } else {
      repeat(name, earlier, new RawJson(json));
    }
  }

  private void repeat(String name, Object earlier, Object value) {
    if (repeated == null) {
      repeated = new LinkedHashMap<>();
    }
    repeated.computeIfAbsent(name, first -> new ArrayList<>(List.of(
        arrays != null && arrays.contains(first) ? new RawJson((String) earlier) : earlier))).add(value);
  }

  /** The fields collected so far, a multi-valued one as its JSON array. */
  public Fields build() {
    if (repeated != null) {
      for (Map.Entry<String, List<Object>> field : repeated.entrySet()) {
        fields.put(field.getKey(), jsonArray(field.getValue()));
      }
    }
    return fields.build();
  }

  /** An array's compact JSON text, written as it is inside a multi-valued field's array. */
  private record RawJson(String text) {}

  private static String jsonArray(List<Object> values) {
    StringWriter text = new StringWriter(64);
    try (JsonGenerator generator = JSON.createGenerator(text)) {
      generator.writeStartArray();
      for (Object value : values) {
        switch (value) {
          case RawJson raw -> generator.writeRawValue(raw.text());
          case Long number -> generator.writeNumber(number);
          case Double number -> generator.writeNumber(number);
          case Boolean bool -> generator.writeBoolean(bool);
          default -> generator.writeString(value.toString());
        }
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing JSON to a string failed", e);
    }
    return text.toString();
  }
}
