package dev.corral.store.exec;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
 * <p>Thread-safe. Two queries missing the same entry at once may both build it (the second put
 * wins); nothing is built while the lock is held, so a slow build blocks no other query.
 */
final class PostingsOrdinalsCache {
  /** Share of the maximum heap the cache may hold: 64 MB of the default 1 GB, a few large segments' ids. */
  private static final int HEAP_SHARE = 16;

  private static final PostingsOrdinalsCache INSTANCE = new PostingsOrdinalsCache(Runtime.getRuntime().maxMemory() / HEAP_SHARE);

  private record Key(Object core, String field) {}

  private final long budgetBytes;
  private final LinkedHashMap<Key, PostingsOrdinals> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<Object> watchedCores = new HashSet<>();
  private long heldBytes;

  PostingsOrdinalsCache(long budgetBytes) {
    this.budgetBytes = budgetBytes;
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
    Key key = core == null ? null : new Key(core.getKey(), field);
    PostingsOrdinals ordinals = key == null ? null : cached(key);
    if (ordinals == null) {
      ordinals = PostingsOrdinals.build(reader, field);
      if (ordinals == null) {
        return null;
      }
      if (key != null && ordinals.ramBytes() <= budgetBytes / 2) {
        keep(key, ordinals, core);
      }
    }
    return ordinals.docValues();
  }

  /** The memory budget in bytes. */
  long budgetBytes() {
    return budgetBytes;
  }

  /** Bytes held now. */
  synchronized long heldBytes() {
    return heldBytes;
  }

  private synchronized PostingsOrdinals cached(Key key) {
    return entries.get(key);
  }

  private void keep(Key key, PostingsOrdinals ordinals, IndexReader.CacheHelper core) {
    boolean firstOfCore;
    synchronized (this) {
      firstOfCore = watchedCores.add(key.core());
      PostingsOrdinals replaced = entries.put(key, ordinals);
      heldBytes += ordinals.ramBytes() - (replaced == null ? 0 : replaced.ramBytes());
      Iterator<Map.Entry<Key, PostingsOrdinals>> eldest = entries.entrySet().iterator();
      while (heldBytes > budgetBytes && eldest.hasNext()) {
        Map.Entry<Key, PostingsOrdinals> entry = eldest.next();
        heldBytes -= entry.getValue().ramBytes();
        eldest.remove();
      }
    }
    if (firstOfCore) {
      core.addClosedListener(this::dropCore);
    }
  }

  private synchronized void dropCore(IndexReader.CacheKey closed) {
    watchedCores.remove(closed);
    Iterator<Map.Entry<Key, PostingsOrdinals>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, PostingsOrdinals> entry = it.next();
      if (entry.getKey().core() == closed) {
        heldBytes -= entry.getValue().ramBytes();
        it.remove();
      }
    }
  }
}
