package dev.corral.store.codec;

import java.io.IOException;
import org.apache.lucene.codecs.DocValuesConsumer;
import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.DocValuesProducer;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Doc values that store decimal numbers as scaled whole numbers where that is exact, around
 * another format that writes the bytes. A numeric field's doc values ({@code name#n}, a double's
 * sortable bits; see {@code FieldMapping}) whose every value in the segment is a decimal of at most
 * {@value DecimalScale#MAX_SCALE} places ({@code 200.0}, {@code 12.34}) is handed to the wrapped
 * format as {@code value × 10^scale}; {@code 0.1 + 0.2}, NaN, an infinity or {@code -0.0} keeps the
 * whole field in its sortable bits. The field's {@link #SCALE_ATTRIBUTE} records the choice, and
 * reading decodes back to the identical sortable bits, so aggregations, sorts and range queries
 * see the same values as before. Writes no file of its own.
 *
 * <p>Not found through the service loader: only {@link WarmCodec} names it, and a segment names
 * its codec.
 */
final class DecimalDocValuesFormat extends DocValuesFormat {
  /** FieldInfo attribute: the scale (0 to 6) the field's values are stored at, or {@link #PLAIN}. */
  static final String SCALE_ATTRIBUTE = "corral.decimal.scale";
  /**
   * Written when a numeric field stays in sortable bits: a merge copies the attributes of the
   * segments it merges, so an absent attribute could be a stale scale.
   */
  static final String PLAIN = "plain";
  /** Lucene's numeric fields under {@code FieldMapping.numeric}: name plus {@code "#n"}. */
  static final String NUMERIC_SUFFIX = "#n";

  private final DocValuesFormat delegate;

  DecimalDocValuesFormat(DocValuesFormat delegate) {
    super("CorralDecimal1");
    this.delegate = delegate;
  }

  @Override
  public DocValuesConsumer fieldsConsumer(SegmentWriteState state) throws IOException {
    return new DecimalDocValuesConsumer(delegate.fieldsConsumer(state));
  }

  @Override
  public DocValuesProducer fieldsProducer(SegmentReadState state) throws IOException {
    return new DecimalDocValuesProducer(delegate.fieldsProducer(state));
  }
}
