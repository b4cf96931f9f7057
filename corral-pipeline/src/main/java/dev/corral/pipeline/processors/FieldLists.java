package dev.corral.pipeline.processors;

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
    Object parsed;
    try {
      parsed = JsonValues.parse(text, true);
    } catch (IOException e) {
      return null;
    }
    if (!(parsed instanceof List<?> list)) {
      return null;
    }
    for (Object item : list) {
      if (item instanceof List<?> || item instanceof java.util.Map<?, ?>) {
        return null;
      }
    }
    return new ArrayList<>(list);
  }
}
