package dev.corral.store.exec;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * The keyword values of fields indexed without doc values, per segment: {@link PostingsOrdinals}
 * built on first use and kept per segment core (segments are immutable, so a built view stays
 * right until the segment is closed, when it is dropped), least recently used evicted beyond
 * {@link #budgetBytes()}. A view larger than half the budget is built for the query that needs it
 * and not kept. One per JVM, like Lucene's own field caches: every partition's segments share the
 * budget.
 *
 * <p>Thread-safe ({@link SegmentCoreCache}).
 */
final class PostingsOrdinalsCache {
  /** Share of the maximum heap the cache may hold: 64 MB of the default 1 GB, a few large segments' ids. */
  private static final int HEAP_SHARE = 16;

  private static final PostingsOrdinalsCache INSTANCE = new PostingsOrdinalsCache(Runtime.getRuntime().maxMemory() / HEAP_SHARE);

  private final SegmentCoreCache<PostingsOrdinals> entries;

  PostingsOrdinalsCache(long budgetBytes) {
    this.entries = new SegmentCoreCache<>(budgetBytes, PostingsOrdinals::ramBytes);
  }

  /** The one cache of this JVM. */
  static PostingsOrdinalsCache shared() {
    return INSTANCE;
  }

  /**
   * The values of keyword field {@code field} in {@code reader} as sorted-set doc values: the
   * field's own doc values when it has them, else the ordinals read back from its postings; null
   * when the segment has neither.
   */
  static SortedSetDocValues keywords(LeafReader reader, String field) throws IOException {
    SortedSetDocValues own = reader.getSortedSetDocValues(field);
    if (own != null) {
      return own;
    }
    SortedDocValues fromPostings = shared().sortedFromPostings(reader, field);
    return fromPostings == null ? null : DocValues.singleton(fromPostings);
  }

  /**
   * The values of {@code field} in {@code reader} read back from its postings, or null when the
   * field has doc values (read those), no postings in this segment, or no terms.
   */
  SortedDocValues sortedFromPostings(LeafReader reader, String field) throws IOException {
    FieldInfo info = reader.getFieldInfos().fieldInfo(field);
    if (info == null || info.getDocValuesType() != DocValuesType.NONE || info.getIndexOptions() == IndexOptions.NONE) {
      return null;
    }
    IndexReader.CacheHelper core = reader.getCoreCacheHelper();
    PostingsOrdinals ordinals = core == null ? null : entries.get(core.getKey(), field);
    if (ordinals == null) {
      ordinals = PostingsOrdinals.build(reader, field);
      if (ordinals == null) {
        return null;
      }
      if (core != null) {
        entries.put(core, field, ordinals);
      }
    }
    return ordinals.docValues();
  }

  /** The memory budget in bytes. */
  long budgetBytes() {
    return entries.budgetBytes();
  }

  /** Bytes held now. */
  long heldBytes() {
    return entries.heldBytes();
  }
}
