package dev.corral.store;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FieldInfosFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;

/** The event field names (as users type them, {@link FieldMapping#eventField}) of a partition's index. */
final class EventFieldNames {
  private EventFieldNames() {}

  /** The event field names of the segments {@code reader} reads. */
  static Set<String> of(IndexReader reader) {
    Set<String> names = new TreeSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      names.addAll(ofLuceneFields(leaf.reader().getFieldInfos()));
    }
    return names;
  }

  /**
   * The event field names of the segments of {@code commit}, read from each segment's field infos
   * file alone (no reader opens), the way Lucene's own {@code IndexWriter} reads them.
   */
  static Set<String> ofCommit(SegmentInfos commit) throws IOException {
    Set<String> names = new TreeSet<>();
    for (SegmentCommitInfo segment : commit) {
      names.addAll(ofLuceneFields(fieldInfos(segment)));
    }
    return names;
  }

  /**
   * The field infos of every segment of the last commit in {@code directory} (none without a
   * commit), read like {@link #ofCommit}: what a writer opened on it must keep ({@code
   * PartitionSchema}).
   */
  static List<FieldInfo> ofLatestCommit(Directory directory) throws IOException {
    List<FieldInfo> fields = new ArrayList<>();
    if (DirectoryReader.indexExists(directory)) {
      for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
        fieldInfos(segment).forEach(fields::add);
      }
    }
    return fields;
  }

  private static FieldInfos fieldInfos(SegmentCommitInfo segment) throws IOException {
    Codec codec = segment.info.getCodec();
    FieldInfosFormat format = codec.fieldInfosFormat();
    if (segment.hasFieldUpdates()) { // updated field infos live outside the compound file
      String suffix = Long.toString(segment.getFieldInfosGen(), Character.MAX_RADIX);
      return format.read(segment.info.dir, segment.info, suffix, IOContext.READONCE);
    }
    if (segment.info.getUseCompoundFile()) {
      try (Directory compound = codec.compoundFormat().getCompoundReader(segment.info.dir, segment.info)) {
        return format.read(compound, segment.info, "", IOContext.READONCE);
      }
    }
    return format.read(segment.info.dir, segment.info, "", IOContext.READONCE);
  }

  /** The event field names among Lucene field names or {@link FieldInfo}s; internal fields are left out. */
  static Set<String> ofLuceneFields(Iterable<?> luceneFields) {
    Set<String> names = new TreeSet<>();
    for (Object field : luceneFields) {
      String name = FieldMapping.eventField(field instanceof FieldInfo info ? info.name : (String) field);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }
}
