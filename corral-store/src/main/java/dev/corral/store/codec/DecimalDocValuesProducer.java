package dev.corral.store.codec;

import java.io.IOException;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValuesSkipper;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * Reads doc values through another producer, decoding the fields written as scaled whole numbers
 * ({@link DecimalDocValuesFormat}) back to their sortable-double bits, values and skip index alike.
 * Thread-safe as the producer it wraps: each call returns a fresh iterator.
 */
final class DecimalDocValuesProducer extends DocValuesProducer {
  private final DocValuesProducer delegate;

  DecimalDocValuesProducer(DocValuesProducer delegate) {
    this.delegate = delegate;
  }

  /** The scale {@code field} was written at, or null when it holds plain values. */
  private static DecimalScale scaleOf(FieldInfo field) {
    String scale = field.getAttribute(DecimalDocValuesFormat.SCALE_ATTRIBUTE);
    if (scale == null || scale.equals(DecimalDocValuesFormat.PLAIN)) {
      return null;
    }
    try {
      return DecimalScale.of(Integer.parseInt(scale));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      throw new IllegalStateException("field " + field.name + " has decimal scale attribute '" + scale
          + "', expected 0.." + DecimalScale.MAX_SCALE + " or " + DecimalDocValuesFormat.PLAIN, e);
    }
  }

  @Override
  public SortedNumericDocValues getSortedNumeric(FieldInfo field) throws IOException {
    SortedNumericDocValues values = delegate.getSortedNumeric(field);
    DecimalScale scale = scaleOf(field);
    return scale == null ? values : MappedSortedNumericDocValues.map(values, scale::decode);
  }

  @Override
  public DocValuesSkipper getSkipper(FieldInfo field) throws IOException {
    DocValuesSkipper skipper = delegate.getSkipper(field);
    DecimalScale scale = scaleOf(field);
    return scale == null || skipper == null ? skipper : new DecodedSkipper(skipper, scale);
  }

  @Override
  public NumericDocValues getNumeric(FieldInfo field) throws IOException {
    return delegate.getNumeric(field);
  }

  @Override
  public BinaryDocValues getBinary(FieldInfo field) throws IOException {
    return delegate.getBinary(field);
  }

  @Override
  public SortedDocValues getSorted(FieldInfo field) throws IOException {
    return delegate.getSorted(field);
  }

  @Override
  public SortedSetDocValues getSortedSet(FieldInfo field) throws IOException {
    return delegate.getSortedSet(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    delegate.checkIntegrity();
  }

  @Override
  public DocValuesProducer getMergeInstance() {
    return new DecimalDocValuesProducer(delegate.getMergeInstance());
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
