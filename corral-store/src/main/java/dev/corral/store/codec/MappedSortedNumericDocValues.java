package dev.corral.store.codec;

import java.io.IOException;
import java.util.function.LongUnaryOperator;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FilterNumericDocValues;
import org.apache.lucene.index.FilterSortedNumericDocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedNumericDocValues;

/**
 * Sorted-numeric doc values whose every value passes through an order-preserving function (a
 * {@link DecimalScale}'s encode or decode). Single-valued fields stay single-valued ({@link
 * DocValues#unwrapSingleton}), so readers keep their fast path. Lucene's filter classes leave
 * range and bulk reads to the defaults, which read the mapped values, never the wrapped ones'.
 * As single-threaded as the values it wraps.
 */
final class MappedSortedNumericDocValues extends FilterSortedNumericDocValues {
  private final LongUnaryOperator function;

  private MappedSortedNumericDocValues(SortedNumericDocValues in, LongUnaryOperator function) {
    super(in);
    this.function = function;
  }

  /** {@code values} with {@code function} applied to each value; it must be strictly increasing. */
  static SortedNumericDocValues map(SortedNumericDocValues values, LongUnaryOperator function) {
    NumericDocValues single = DocValues.unwrapSingleton(values);
    if (single == null) {
      return new MappedSortedNumericDocValues(values, function);
    }
    return DocValues.singleton(new FilterNumericDocValues(single) {
      @Override
      public long longValue() throws IOException {
        return function.applyAsLong(in.longValue());
      }
    });
  }

  @Override
  public long nextValue() throws IOException {
    return function.applyAsLong(in.nextValue());
  }
}
