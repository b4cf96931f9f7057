package dev.corral.store.exec;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The identity of one group: its time bucket (timechart; 0 otherwise) and the text of each
 * by-field, null where the event lacks the field. Immutable.
 *
 * @param bucket bucket start in epoch ns, or 0 without buckets
 * @param values one per by-field; null for "no value"
 */
record GroupKey(long bucket, List<String> values) {
  /** Bucket ascending, then values ascending ({@link String#compareTo}), nulls after any value. */
  static final Comparator<GroupKey> ASCENDING = Comparator.comparingLong(GroupKey::bucket)
      .thenComparing(GroupKey::values, GroupKey::compareValues);

  /** Rough heap bytes of a key: object headers and references, plus two bytes per char. */
  private static final int KEY_OVERHEAD_BYTES = 64;
  private static final int VALUE_OVERHEAD_BYTES = 48;

  static GroupKey of(long bucket, String... values) {
    return new GroupKey(bucket, Collections.unmodifiableList(Arrays.asList(values)));
  }

  long estimatedBytes() {
    long bytes = KEY_OVERHEAD_BYTES;
    for (String value : values) {
      bytes += value == null ? 8 : VALUE_OVERHEAD_BYTES + 2L * value.length();
    }
    return bytes;
  }

  static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValue(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Ascending, nulls last. */
  static int compareValue(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }
}
