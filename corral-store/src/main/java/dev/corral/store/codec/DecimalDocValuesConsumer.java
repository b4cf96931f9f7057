package dev.corral.store.codec;

import java.io.IOException;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.index.EmptyDocValuesProducer;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.SortedNumericDocValues;

/**
 * Writes doc values through another consumer, numeric fields as scaled whole numbers where every
 * value allows it ({@link DecimalDocValuesFormat}). Reads such a field's values three times: to
 * find the scale, to verify it, and to write. Merges go through {@link DocValuesConsumer}'s own
 * merge, which calls the {@code add} methods here with the merged (decoded) values.
 */
final class DecimalDocValuesConsumer extends DocValuesConsumer {
  private final DocValuesConsumer delegate;

  DecimalDocValuesConsumer(DocValuesConsumer delegate) {
    this.delegate = delegate;
  }

  @Override
  public void addSortedNumericField(FieldInfo field, DocValuesProducer values) throws IOException {
    if (!field.name.endsWith(DecimalDocValuesFormat.NUMERIC_SUFFIX)) {
      delegate.addSortedNumericField(field, values);
      return;
    }
    DecimalScale scale = DecimalScale.smallestFor(values.getSortedNumeric(field));
    if (scale != null && !scale.fits(values.getSortedNumeric(field))) {
      scale = null; // the scale grew midway and an earlier value does not survive it
    }
    if (scale == null) {
      field.putAttribute(DecimalDocValuesFormat.SCALE_ATTRIBUTE, DecimalDocValuesFormat.PLAIN);
      delegate.addSortedNumericField(field, values);
      return;
    }
    field.putAttribute(DecimalDocValuesFormat.SCALE_ATTRIBUTE, Integer.toString(scale.scale()));
    delegate.addSortedNumericField(field, new ScaledValues(values, scale));
  }

  @Override
  public void addNumericField(FieldInfo field, DocValuesProducer values) throws IOException {
    delegate.addNumericField(field, values);
  }

  @Override
  public void addBinaryField(FieldInfo field, DocValuesProducer values) throws IOException {
    delegate.addBinaryField(field, values);
  }

  @Override
  public void addSortedField(FieldInfo field, DocValuesProducer values) throws IOException {
    delegate.addSortedField(field, values);
  }

  @Override
  public void addSortedSetField(FieldInfo field, DocValuesProducer values) throws IOException {
    delegate.addSortedSetField(field, values);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** The values being written, scaled; only sorted-numeric values are asked for. */
  private static final class ScaledValues extends EmptyDocValuesProducer {
    private final DocValuesProducer values;
    private final DecimalScale scale;

    ScaledValues(DocValuesProducer values, DecimalScale scale) {
      this.values = values;
      this.scale = scale;
    }

    @Override
    public SortedNumericDocValues getSortedNumeric(FieldInfo field) throws IOException {
      return MappedSortedNumericDocValues.map(values.getSortedNumeric(field), scale::encode);
    }
  }
}
