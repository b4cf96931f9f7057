package dev.corral.query.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.corral.model.normalize.DecodeLimits;
import dev.corral.model.normalize.EventDecoder;
import java.io.IOException;
import java.io.StringWriter;

/**
 * {@code | json}: reads a JSON object and flattens it as the ingest decoder does — nested objects
 * become dotted names ({@code {"http":{"status":500}}} → {@code http.status = 500}), an array
 * becomes its compact JSON text ({@code tags = ["a","b"]}), {@code null} is left out, numbers and
 * booleans keep their type, strings stay strings (JSON is typed, so {@code "500"} is text). A
 * text that is not one JSON object, or nests deeper than {@link #MAX_DEPTH}, fails with {@code
 * JSONParserErr}.
 */
final class JsonExtractor implements Extractor {
  /** Deepest nesting read: the ingest decoder's default ({@link DecodeLimits#DEFAULT_MAX_DEPTH}). */
  static final int MAX_DEPTH = DecodeLimits.DEFAULT_MAX_DEPTH;
  private static final String ERROR = "JSONParserErr";
  private static final JsonFactory JSON = EventDecoder.jsonFactory(DecodeLimits.DEFAULTS).rebuild()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH + 1)
          .maxStringLength(DecodeLimits.DEFAULT_MAX_EVENT_BYTES)
          .maxNameLength(DecodeLimits.DEFAULT_MAX_EVENT_BYTES)
          .maxNumberLength(1000)
          .build())
      .build();

  @Override
  public void extract(String text, ExtractedValues out) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ExtractionFailure(ERROR, "not a JSON object");
      }
      object(parser, "", 1, out);
      if (parser.nextToken() != null) {
        throw new ExtractionFailure(ERROR, "text after the JSON object at char " + parser.currentLocation().getCharOffset());
      }
    } catch (StreamConstraintsException e) {
      throw new ExtractionFailure(ERROR, "JSON nests deeper than " + MAX_DEPTH + " levels or has a value over the "
          + "limits: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ExtractionFailure(ERROR, "invalid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static void object(JsonParser parser, String prefix, int depth, ExtractedValues out) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new ExtractionFailure(ERROR, "JSON nests deeper than " + MAX_DEPTH + " levels");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = prefix + parser.currentName();
      JsonToken token = parser.nextToken();
      switch (token) {
        case START_OBJECT -> object(parser, name + ".", depth + 1, out);
        case START_ARRAY -> out.add(name, array(parser));
        case VALUE_STRING -> out.add(name, parser.getText());
        case VALUE_NUMBER_INT -> out.add(name, parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue());
        case VALUE_NUMBER_FLOAT -> out.add(name, parser.getDoubleValue());
        case VALUE_TRUE, VALUE_FALSE -> out.add(name, token == JsonToken.VALUE_TRUE);
        case VALUE_NULL -> { }
        default -> throw new IllegalStateException("BUG: unexpected JSON token " + token);
      }
    }
  }

  /** The compact JSON text of the array the parser stands at. */
  private static String array(JsonParser parser) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(text)) {
      generator.copyCurrentStructure(parser);
    }
    return text.toString();
  }
}
