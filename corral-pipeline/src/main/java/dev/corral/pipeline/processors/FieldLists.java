package dev.corral.pipeline.processors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.corral.model.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a field as a list, for {@code append}, {@code join} and {@code tag}: a list as it is; text
 * that is a JSON array of plain values (how ingest stores an array, so a {@code tags} field sent
 * as {@code ["a","b"]} arrives as that text) as its items; any other value as a list of one.
 * Stateless.
 */
final class FieldLists {
  private FieldLists() {}

  static List<Object> asList(Object value) {
    if (value == null) {
      return new ArrayList<>();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof String text && text.startsWith("[") && text.endsWith("]")) {
      List<Object> items = jsonArray(text);
      if (items != null) {
        return items;
      }
    }
    List<Object> one = new ArrayList<>(1);
    one.add(value);
    return one;
  }

  /** The items of a JSON array of plain values, or null when the text is not one. */
  private static List<Object> jsonArray(String text) {
    try (JsonParser parser = CanonicalJson.FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<Object> items = new ArrayList<>();
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        switch (token) {
          case VALUE_STRING -> items.add(parser.getText());
          case VALUE_NUMBER_INT -> items.add(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> items.add(parser.getDoubleValue());
          case VALUE_TRUE, VALUE_FALSE -> items.add(token == JsonToken.VALUE_TRUE);
          case VALUE_NULL -> items.add(null);
          default -> {
            return null;
          }
        }
      }
      return parser.nextToken() == null ? items : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
