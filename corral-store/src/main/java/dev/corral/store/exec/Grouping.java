package dev.corral.store.exec;

import dev.corral.query.plan.Aggregation;
import dev.corral.query.resolve.VisibleFields;
import dev.corral.store.index.FieldMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * What an aggregation pass computes: the group key of each event (an optional time bucket plus
 * the by-fields' values) and the aggregations fed per group.
 *
 * @param by the by-fields as written (resolved with {@link FieldMapping#resolve} when read)
 * @param spanNanos time bucket width in ns, or 0 for no buckets
 * @param aggregations fed per group, in order
 * @param skipMissingBy whether events lacking a by-field are left out of every group ({@code top});
 *     otherwise they form the group whose value is null
 * @param visibility fields hidden by an earlier {@code | fields} read as missing
 */
record Grouping(List<String> by, long spanNanos, List<Aggregation> aggregations, boolean skipMissingBy,
    VisibleFields visibility) {
  Grouping {
    by = List.copyOf(by);
    aggregations = List.copyOf(aggregations);
    if (spanNanos < 0) {
      throw new IllegalArgumentException("BUG: negative span " + spanNanos);
    }
  }

  /** The distinct resolved fields to read: by-fields first, then aggregation fields. */
  List<String> fieldsToRead() {
    List<String> fields = new ArrayList<>();
    for (String field : by) {
      addOnce(fields, FieldMapping.resolve(field));
    }
    for (Aggregation aggregation : aggregations) {
      if (aggregation.field() != null) {
        addOnce(fields, FieldMapping.resolve(aggregation.field()));
      }
    }
    return fields;
  }

  private static void addOnce(List<String> fields, String field) {
    if (!fields.contains(field)) {
      fields.add(field);
    }
  }
}
