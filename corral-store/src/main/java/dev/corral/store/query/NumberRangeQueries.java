package dev.corral.store.query;

import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.NumericUtils;

/**
 * Ranges over a numeric field ({@code FieldMapping.numeric}), run on its sortable doc values: the
 * only per-number structure every partition has (points are gone from numbers since the mapping
 * diet; older partitions have both, and their doc values answer the same). Bounds compare as the
 * doc values' sortable longs order doubles, which is the order points used: {@code -0.0 < 0.0}.
 * As a filter beside a selective clause the doc values are checked for that clause's documents
 * only; alone, every document holding the number is read. Stateless.
 */
public final class NumberRangeQueries {
  private NumberRangeQueries() {}

  /** Documents whose number in {@code field} lies in [{@code from}, {@code to}], both inclusive. */
  public static Query between(String field, double from, double to) {
    return SortedNumericDocValuesField.newSlowRangeQuery(field, NumericUtils.doubleToSortableLong(from),
        NumericUtils.doubleToSortableLong(to));
  }

  /** Documents whose number in {@code field} is {@code value} (and not its other-signed zero). */
  public static Query exactly(String field, double value) {
    return between(field, value, value);
  }
}
