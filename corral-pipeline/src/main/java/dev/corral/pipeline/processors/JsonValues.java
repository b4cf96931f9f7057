package dev.corral.pipeline.processors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import dev.corral.pipeline.FieldValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain Java values (Map, List, String, Long, Double, Boolean, null) and back, for
 * the {@code json} processor and for values a document cannot hold as they are. Stateless and
 * thread-safe.
 */
final class JsonValues {
  /** Parsing limits: ingest's nesting depth (20 levels) bounds the recursion; the document bounds the size. */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Flattener.MAX_DEPTH).build())
      .build();

  private JsonValues() {}

  /** Parses one JSON value; the text must hold nothing after it. */
  static Object parse(String text, boolean allowDuplicateKeys) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new IOException("no JSON value in the text");
      }
      Object value = read(parser, allowDuplicateKeys);
      if (parser.nextToken() != null) {
        throw new IOException("text after the JSON value at column " + parser.currentTokenLocation().getColumnNr());
      }
      return value;
    }
  }

  private static Object read(JsonParser parser, boolean allowDuplicateKeys) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (map.put(name, read(parser, allowDuplicateKeys)) != null && !allowDuplicateKeys) {
            throw new IOException("duplicate key '" + name + "'");
          }
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser, allowDuplicateKeys));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + parser.currentToken());
    };
  }

  /** A value a document holds: a map (inside a list, or too deep) becomes its JSON text. */
  static Object plain(Object value) {
    if (value instanceof Map<?, ?>) {
      return FieldValues.toJson(value);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(plain(item));
      }
      return items;
    }
    return value;
  }

}
