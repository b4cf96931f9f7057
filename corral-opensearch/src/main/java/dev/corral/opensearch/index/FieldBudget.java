package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.model.FieldNames;
import dev.corral.model.LogEvent;
import dev.corral.opensearch.mapping.IndexMappings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The per-index field limit ({@code store.opensearch.max_fields}): each daily index maps at most
 * that many distinct field names, first come first mapped; fields of further names are moved under
 * {@code overflow} (a flat_object, searchable as text but not typed), so no index's mapping
 * explodes. Counts the canonical dotted names, as the local store's per-partition limit does;
 * learned at start from the indices' mappings ({@link #learn}) and then from the documents sent.
 *
 * <p>Not thread-safe: only the writer thread uses it.
 */
final class FieldBudget {
  private final int maxFields;
  private final Map<String, Set<String>> fieldsByIndex = new HashMap<>();

  FieldBudget(int maxFields) {
    this.maxFields = maxFields;
  }

  /**
   * The event's field names that do not fit in {@code index} (empty when all fit), admitting the
   * new names that still fit. {@code timestamp}, {@code level} and {@code message} always fit.
   */
  Set<String> overflowing(String index, LogEvent event) {
    Set<String> known = fieldsByIndex.computeIfAbsent(index, name -> new HashSet<>());
    Set<String> over = null;
    for (int i = 0; i < event.fields().size(); i++) {
      String name = event.fields().name(i);
      if (known.contains(name)) {
        continue;
      }
      if (known.size() < maxFields) {
        known.add(name);
      } else {
        if (over == null) {
          over = new HashSet<>();
        }
        over.add(name);
      }
    }
    return over == null ? Set.of() : over;
  }

  /** Fields of {@code index} counted so far. */
  int count(String index) {
    Set<String> known = fieldsByIndex.get(index);
    return known == null ? 0 : known.size();
  }

  /**
   * Learns the fields the cluster already maps, from a {@code GET <pattern>/_mapping} answer
   * ({@code {"<index>": {"mappings": {"properties": ...}}}}): leaf fields by dotted name, without
   * the reserved ones and {@code overflow}.
   */
  void learn(JsonNode mappingAnswer) {
    for (Iterator<Map.Entry<String, JsonNode>> indices = mappingAnswer.fields(); indices.hasNext(); ) {
      Map.Entry<String, JsonNode> index = indices.next();
      Set<String> known = fieldsByIndex.computeIfAbsent(index.getKey(), name -> new HashSet<>());
      collect("", index.getValue().path("mappings").path("properties"), known);
    }
  }

  private static void collect(String prefix, JsonNode properties, Set<String> into) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      JsonNode children = field.getValue().path("properties");
      if (children.isObject()) {
        collect(name + ".", children, into);
      } else if (!isReserved(name)) {
        into.add(name);
      }
    }
  }

  private static boolean isReserved(String name) {
    return name.equals(FieldNames.TIMESTAMP) || name.equals(FieldNames.LEVEL) || name.equals(FieldNames.MESSAGE)
        || name.equals(IndexMappings.OVERFLOW);
  }
}
