package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.Fields;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Reads one JSON object from a streaming parser into flattened raw fields, enforcing the field
 * and depth limits. One instance per event; not thread-safe. See {@link EventDecoder} for the
 * value rules.
 *
 * <p>A name that occurs more than once in the event ({@code {"a":{"b":1},"a.b":2}}, or a repeated
 * key) keeps every value: the field becomes multi-valued ({@link MultiValuedFields}).
 */
final class ObjectReader {
  /** Fields a typical event carries; the builder grows past it. */
  private static final int EXPECTED_FIELDS = 24;

  private final JsonParser parser;
  private final DecodeLimits limits;
  private final JsonFactory factory;
  private final FieldPaths paths;
  private final MultiValuedFields fields = new MultiValuedFields(EXPECTED_FIELDS);
  /** Leaf fields read so far. */
  private int count;
  /** Containers open around the parser's position; the event object is depth 1. */
  private int depth;

  ObjectReader(JsonParser parser, DecodeLimits limits, JsonFactory factory, FieldPaths paths) {
    this.parser = parser;
    this.limits = limits;
    this.factory = factory;
    this.paths = paths;
  }

  /**
   * Reads the object whose START_OBJECT is the current token; on return (normal or by a limit's
   * exception) the parser stands on its END_OBJECT.
   */
  Fields read() throws IOException, InvalidEventException {
    depth = 1;
    readMembers(null);
    return fields.build();
  }

  private void readMembers(String prefix) throws IOException, InvalidEventException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String name = prefix == null ? key : paths.join(prefix, key);
      JsonToken token = parser.nextToken();
      switch (token) {
        case START_OBJECT -> {
          enter(name);
          readMembers(name);
          depth--;
        }
        case START_ARRAY -> {
          enter(name);
          addArray(name, arrayText(name));
        }
        case VALUE_STRING -> add(name, parser.getText());
        case VALUE_NUMBER_INT -> add(name, integer());
        case VALUE_NUMBER_FLOAT -> add(name, decimal());
        case VALUE_TRUE -> add(name, Boolean.TRUE);
        case VALUE_FALSE -> add(name, Boolean.FALSE);
        case VALUE_NULL -> {
          // null omits the field
        }
        default -> throw new IllegalStateException("BUG: token " + token + " after a field name");
      }
    }
  }

  /** The array at the parser (its START_ARRAY already counted in depth) as compact JSON text. */
  private String arrayText(String name) throws IOException, InvalidEventException {
    int outside = depth - 1;
    StringWriter text = new StringWriter(64);
    try (JsonGenerator generator = factory.createGenerator(text)) {
      generator.writeStartArray();
      while (depth > outside) {
        JsonToken token = parser.nextToken();
        switch (token) {
          case START_OBJECT, START_ARRAY -> enter(name);
          case END_OBJECT, END_ARRAY -> depth--;
          default -> {
            // scalars and field names are copied as they are
          }
        }
        generator.copyCurrentEventExact(parser);
      }
    }
    return text.toString();
  }

  private Object integer() throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
        ? (Object) parser.getLongValue()
        : parser.getText(); // beyond a long: keep the digits rather than lose precision
  }

  private Object decimal() throws IOException {
    double value = parser.getDoubleValue();
    return Double.isFinite(value) ? (Object) value : parser.getText(); // 1e400: keep the text
  }

  private void add(String name, Object value) throws IOException, InvalidEventException {
    countField();
    fields.add(name, value);
  }

  private void countField() throws IOException, InvalidEventException {
    if (++count > limits.maxFields()) {
      int total = count + skipRest(true);
      throw new InvalidEventException("event has " + total + " fields, more than the limit of "
          + limits.maxFields() + " (ingest.max_fields)");
    }
  }

  private void addArray(String name, String json) throws IOException, InvalidEventException {
    countField();
    fields.addArray(name, json);
  }

  /** Opens the container at the parser, unless that nests deeper than the limit. */
  private void enter(String name) throws IOException, InvalidEventException {
    if (depth + 1 > limits.maxDepth()) {
      String reason = "nesting depth " + (depth + 1) + " exceeds the limit of " + limits.maxDepth()
          + " (ingest.max_depth) at field " + EventDecoder.quote(name);
      parser.skipChildren();
      skipRest(false);
      throw new InvalidEventException(reason);
    }
    depth++;
  }

  /**
   * Reads on to the END_OBJECT of the event from the current depth, so that a parser shared with
   * the following events can go on.
   *
   * @return the leaf fields passed on the way, when {@code counting}
   */
  private int skipRest(boolean counting) throws IOException {
    int passed = 0;
    while (depth > 0) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        break; // end of input; the parser has already complained about an unclosed object
      }
      switch (token) {
        case START_OBJECT -> depth++;
        case START_ARRAY -> {
          passed++; // counting only ever runs in objects, where an array is one field
          parser.skipChildren();
        }
        case END_OBJECT, END_ARRAY -> depth--;
        case FIELD_NAME, VALUE_NULL -> {
          // names and nulls are not fields
        }
        default -> passed++;
      }
    }
    return counting ? passed : 0;
  }
}
