package dev.corral.query.agg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The group of one stats row: the text of each {@code by} field's value, null where the event
 * lacks the field. Ordered component by component with {@link String#compareTo}, nulls last —
 * the row order of {@code stats}. Immutable.
 */
public record GroupKey(List<String> values) implements Comparable<GroupKey> {
  /** The key of {@code stats} without {@code by}. */
  public static final GroupKey NONE = new GroupKey(List.of());

  public GroupKey {
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  @Override
  public int compareTo(GroupKey other) {
    int n = Math.min(values.size(), other.values.size());
    for (int i = 0; i < n; i++) {
      int c = compareValues(values.get(i), other.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.size(), other.values.size());
  }

  /** String order with null last. */
  public static int compareValues(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }
}
