package dev.corral.store.codec;

import org.apache.lucene.codecs.DocValuesFormat;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;

/**
 * The codec of warm partitions: Lucene's best-compression codec with the stored sources in
 * Zstandard chunks instead of DEFLATE ones, and decimal numbers' doc values as scaled whole
 * numbers where that is exact ({@link DecimalDocValuesFormat}). Stored sources are about two
 * thirds of a warm partition's bytes; on the benchmark's fleet, zstd level {@value #ZSTD_LEVEL}
 * over 480 KiB chunks stores them in 0.087 bytes per raw byte where DEFLATE takes 0.133, and
 * compresses them faster (docs/benchmarks.md).
 *
 * <p>Segments record the codec by {@link #NAME}, and Lucene finds it again through the service
 * loader ({@code META-INF/services/org.apache.lucene.codecs.Codec}), so the name and the
 * stored-fields format name identify an on-disk format: a different format needs new names, and
 * the class of every earlier name must stay to read what it wrote ({@link WarmCodec1}).
 */
public final class WarmCodec extends FilterCodec {
  /** The codec name written into every warm segment. */
  public static final String NAME = "CorralWarm2";

  private static final String STORED_FIELDS_FORMAT = "CorralZstdStoredFields1";
  private static final int ZSTD_LEVEL = 9;
  /** As Lucene's best-compression stored fields: 480 KiB or 4,096 documents per chunk. */
  private static final int CHUNK_BYTES = 480 * 1024;
  private static final int MAX_DOCS_PER_CHUNK = 4096;
  private static final int BLOCK_SHIFT = 10;

  private final StoredFieldsFormat storedFields = zstdStoredFields();
  private final DocValuesFormat docValues;

  /** Public and without arguments, for Lucene's service loader. */
  public WarmCodec() {
    super(NAME, new Lucene104Codec(Lucene104Codec.Mode.BEST_COMPRESSION));
    docValues = new DecimalDocValuesFormat(delegate.docValuesFormat());
  }

  /** The stored sources' format, {@code CorralZstdStoredFields1}: zstd level 9 over 480 KiB chunks. */
  static StoredFieldsFormat zstdStoredFields() {
    return new Lucene90CompressingStoredFieldsFormat(
        STORED_FIELDS_FORMAT, new ZstdCompressionMode(ZSTD_LEVEL), CHUNK_BYTES, MAX_DOCS_PER_CHUNK, BLOCK_SHIFT);
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }

  @Override
  public DocValuesFormat docValuesFormat() {
    return docValues;
  }
}
