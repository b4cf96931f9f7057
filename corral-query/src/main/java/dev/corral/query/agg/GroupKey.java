package dev.corral.query.agg;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The identity of one group: its time bucket ({@code timechart}; 0 otherwise) and the text of each
 * by-field's value, null where the event lacks the field. Value texts follow one rule in every
 * back end: strings as they are, booleans {@code true}/{@code false}, numbers their {@link
 * dev.corral.query.table.NumberText canonical text}, {@code timestamp} its epoch nanoseconds in
 * decimal. Immutable.
 *
 * @param bucket bucket start in epoch ns, or 0 without buckets
 * @param values one per by-field; null for "no value"
 */
public record GroupKey(long bucket, List<String> values) {
  /** Bucket ascending, then values component by component ({@link #compareValues}): the row order. */
  public static final Comparator<GroupKey> ASCENDING = Comparator.comparingLong(GroupKey::bucket)
      .thenComparing(GroupKey::values, GroupKey::compareValues);

  /** Rough heap bytes of a key: object headers and references, plus two bytes per char. */
  private static final int KEY_OVERHEAD_BYTES = 64;
  private static final int VALUE_OVERHEAD_BYTES = 48;

  public GroupKey {
    values = Collections.unmodifiableList(Arrays.asList(values.toArray(String[]::new)));
  }

  /** The key of {@code values} (nulls allowed) in {@code bucket}. */
  public static GroupKey of(long bucket, String... values) {
    return new GroupKey(bucket, Arrays.asList(values));
  }

  /** Rough heap bytes of this key, for the per-query memory bound. */
  public long estimatedBytes() {
    long bytes = KEY_OVERHEAD_BYTES;
    for (String value : values) {
      bytes += value == null ? 8 : VALUE_OVERHEAD_BYTES + 2L * value.length();
    }
    return bytes;
  }

  /** Lists of equal length, component by component by {@link #compareValue}. */
  public static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValue(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** {@link String#compareTo} ascending, nulls last. */
  public static int compareValue(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }
}
