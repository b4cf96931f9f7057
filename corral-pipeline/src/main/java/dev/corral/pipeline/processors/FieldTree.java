package dev.corral.pipeline.processors;

import dev.corral.pipeline.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * A field and the fields under it: in Elasticsearch {@code http} may be an object holding {@code
 * http.status} and {@code http.method}; flattened, it is every field named {@code http} or
 * starting with {@code http.}. Used by {@code remove}, {@code rename} and {@code copy}. Stateless.
 */
final class FieldTree {
  private FieldTree() {}

  /** {@code field} itself if present, then every field under it, in document order. */
  static List<String> names(Document document, String field) {
    List<String> names = new ArrayList<>();
    String prefix = field + ".";
    for (String name : document.names()) {
      if (name.equals(field) || name.startsWith(prefix)) {
        names.add(name);
      }
    }
    return names;
  }

  /** {@code name} (one of {@link #names}) moved from under {@code from} to under {@code to}. */
  static String moved(String name, String from, String to) {
    return to + name.substring(from.length());
  }
}
