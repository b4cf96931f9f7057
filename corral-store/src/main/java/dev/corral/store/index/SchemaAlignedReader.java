package dev.corral.store.index;

import java.util.List;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * A segment written elsewhere (a leaf of an archived copy of the day) seen with the schema of the
 * partition it joins ({@link PartitionSchema#written}): an identifier's doc values and skip index,
 * and a number's points, that the partition writes without are left out of its field infos, so
 * Lucene neither refuses the segment nor merges those values ({@code IndexWriter.addIndexes}
 * reads a field's doc values and points only where its field infos announce them; so do the
 * reader's own doc values and points getters). Everything else reads through unchanged. Not
 * cached: the field infos differ from the underlying segment's. As thread-safe as the segment.
 */
public final class SchemaAlignedReader extends FilterCodecReader {
  private final FieldInfos fieldInfos;

  private SchemaAlignedReader(CodecReader segment, FieldInfos fieldInfos) {
    super(segment);
    this.fieldInfos = fieldInfos;
  }

  /**
   * The leaves of {@code copy} aligned to {@code schema}, for {@code IndexWriter.addIndexes}; they
   * read through {@code copy}, which the caller closes after adding them.
   *
   * @throws IllegalArgumentException when a leaf is not a codec reader (a copy opened with a
   *     wrapping reader)
   */
  public static CodecReader[] of(DirectoryReader copy, PartitionSchema schema) {
    List<LeafReaderContext> leaves = copy.leaves();
    CodecReader[] aligned = new CodecReader[leaves.size()];
    for (int i = 0; i < aligned.length; i++) {
      if (!(leaves.get(i).reader() instanceof CodecReader segment)) {
        throw new IllegalArgumentException("leaf " + i + " of " + copy + " is "
            + leaves.get(i).reader().getClass().getName() + ", not a codec reader: its segments cannot be added");
      }
      aligned[i] = new SchemaAlignedReader(segment, alignedFieldInfos(segment.getFieldInfos(), schema));
    }
    return aligned;
  }

  private static FieldInfos alignedFieldInfos(FieldInfos fields, PartitionSchema schema) {
    FieldInfo[] aligned = new FieldInfo[fields.size()];
    int i = 0;
    for (FieldInfo field : fields) {
      aligned[i++] = schema.written(field);
    }
    return new FieldInfos(aligned);
  }

  @Override
  public FieldInfos getFieldInfos() {
    return fieldInfos;
  }

  @Override
  public CacheHelper getCoreCacheHelper() {
    return null;
  }

  @Override
  public CacheHelper getReaderCacheHelper() {
    return null;
  }
}
