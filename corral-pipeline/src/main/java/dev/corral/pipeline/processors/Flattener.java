package dev.corral.pipeline.processors;

import dev.corral.pipeline.Document;
import java.util.Map;

/**
 * Puts a nested value into a document as flat dotted fields, the way ingest flattens an event:
 * {@code {a: {b: 1}}} under {@code x} becomes {@code x.a.b = 1}. Lists stay lists (a map inside a
 * list is kept as its JSON text by the document's list rules). Stateless.
 */
final class Flattener {
  /** Deepest nesting flattened: ingest's own limit (ingest.max_depth's default); deeper is kept as JSON text. */
  static final int MAX_DEPTH = 20;

  private Flattener() {}

  /** Sets {@code value} at {@code prefix} (the root when empty), a map as one field per leaf. */
  static void put(Document document, String prefix, Object value) {
    put(document, prefix, value, 0);
  }

  private static void put(Document document, String prefix, Object value, int depth) {
    if (value instanceof Map<?, ?> map && depth < MAX_DEPTH) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        put(document, prefix.isEmpty() ? name : prefix + "." + name, entry.getValue(), depth + 1);
      }
      return;
    }
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("a " + (value == null ? "null" : value.getClass().getSimpleName())
          + " cannot be added to the root of the event: only an object's fields can");
    }
    document.set(prefix, JsonValues.plain(value));
  }
}
