package dev.corral.store.codec;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * The first warm codec, {@code CorralWarm1}, kept so that warm segments written before {@link
 * WarmCodec} stay readable: Lucene's best-compression codec with the stored sources in zstd
 * ({@link WarmCodec#zstdStoredFields()}), decimal numbers in their sortable-double bits. Nothing
 * writes it any more; the next forced merge of its partition rewrites its segments in {@link
 * WarmCodec}. Found through the service loader by {@link #NAME}.
 */
public final class WarmCodec1 extends FilterCodec {
  /** The codec name in warm segments written before {@code CorralWarm2}. */
  public static final String NAME = "CorralWarm1";

  private final StoredFieldsFormat storedFields = WarmCodec.zstdStoredFields();

  /** Public and without arguments, for Lucene's service loader. */
  public WarmCodec1() {
    super(NAME, new Lucene104Codec(Lucene104Codec.Mode.BEST_COMPRESSION));
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }
}
