package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Document} over a map of flat dotted names, for the tests of this package; checks value types. */
final class MapDocument implements Document {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  static MapDocument of(String field, Object value) {
    MapDocument document = new MapDocument();
    document.set(field, value);
    return document;
  }

  Map<String, Object> fields() {
    return fields;
  }

  @Override
  public Object get(String field) {
    return fields.get(field);
  }

  @Override
  public boolean has(String field) {
    return fields.containsKey(field);
  }

  @Override
  public void set(String field, Object value) {
    if (!(value == null || value instanceof String || value instanceof Long || value instanceof Double
        || value instanceof Boolean || value instanceof List<?>)) {
      throw new IllegalArgumentException("field " + field + ": " + value.getClass().getSimpleName() + " is no document value");
    }
    fields.put(field, value);
  }

  @Override
  public Object remove(String field) {
    return fields.remove(field);
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
