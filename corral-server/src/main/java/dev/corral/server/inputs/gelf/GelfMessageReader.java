package dev.corral.server.inputs.gelf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.text.Excerpt;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the members of one GELF JSON object, in order, as raw name/value pairs (names as sent,
 * underscore included), enforcing the field and depth limits. Values: strings stay strings,
 * integers {@code Long} (beyond a long: their digits as text), other numbers {@code Double},
 * booleans {@code Boolean}; {@code null} omits the member. Text has broken surrogates repaired
 * ({@link SurrogateRepair}). GELF values should be scalars; a nested
 * object is flattened with dots ({@code _ctx: {a: 1}} gives {@code _ctx.a}) and an array is kept as
 * its compact JSON text, so nothing a sender put in is lost. One instance per message; not
 * thread-safe.
 */
final class GelfMessageReader {
  /** Members a GELF message from a logging library typically carries. */
  private static final int EXPECTED_MEMBERS = 16;

  /** One member of the message, flattened. */
  record Member(String name, Object value) {}

  private final JsonParser parser;
  private final DecodeLimits limits;
  private final JsonFactory factory;
  private final List<Member> members = new ArrayList<>(EXPECTED_MEMBERS);
  private int depth;

  GelfMessageReader(JsonParser parser, DecodeLimits limits, JsonFactory factory) {
    this.parser = parser;
    this.limits = limits;
    this.factory = factory;
  }

  /** Reads the object whose START_OBJECT is the parser's current token. */
  List<Member> read() throws IOException, InvalidEventException {
    depth = 1;
    readMembers(null);
    return members;
  }

  private void readMembers(String prefix) throws IOException, InvalidEventException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = SurrogateRepair.repair(parser.currentName());
      String name = prefix == null ? key : prefix + '.' + key;
      JsonToken token = parser.nextToken();
      switch (token) {
        case START_OBJECT -> {
          enter(name);
          readMembers(name);
          depth--;
        }
        case START_ARRAY -> {
          enter(name);
          add(name, arrayText());
          depth--;
        }
        case VALUE_STRING -> add(name, SurrogateRepair.repair(parser.getText()));
        case VALUE_NUMBER_INT -> add(name, isLong() ? (Object) parser.getLongValue() : parser.getText());
        case VALUE_NUMBER_FLOAT -> add(name, finiteOrText(parser.getDoubleValue()));
        case VALUE_TRUE -> add(name, Boolean.TRUE);
        case VALUE_FALSE -> add(name, Boolean.FALSE);
        case VALUE_NULL -> {
          // null omits the member
        }
        default -> throw new IllegalStateException("BUG: token " + token + " after a field name");
      }
    }
  }

  private String arrayText() throws IOException, InvalidEventException {
    StringWriter text = new StringWriter(64);
    try (JsonGenerator generator = factory.createGenerator(text)) {
      int nested = 0;
      generator.writeStartArray();
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
          if (depth + nested + 1 > limits.maxDepth()) {
            throw tooDeep(depth + nested + 1, parser.currentName());
          }
          nested++;
        } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
          if (nested-- == 0) {
            generator.writeEndArray();
            generator.flush();
            return text.toString();
          }
        }
        generator.copyCurrentEvent(parser);
      }
    }
  }

  private boolean isLong() throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
  }

  private Object finiteOrText(double value) throws IOException {
    return Double.isFinite(value) ? (Object) value : parser.getText();
  }

  private void add(String name, Object value) throws InvalidEventException {
    if (members.size() >= limits.maxFields()) {
      throw new InvalidEventException("GELF message has more than " + limits.maxFields()
          + " fields, the limit (ingest.max_fields); at field " + Excerpt.cut(name));
    }
    members.add(new Member(name, value));
  }

  private void enter(String name) throws InvalidEventException {
    if (depth + 1 > limits.maxDepth()) {
      throw tooDeep(depth + 1, name);
    }
    depth++;
  }

  private InvalidEventException tooDeep(int reached, String name) {
    return new InvalidEventException("nesting depth " + reached + " exceeds the limit of " + limits.maxDepth()
        + " (ingest.max_depth) at field " + Excerpt.cut(name == null ? "?" : name));
  }

}
