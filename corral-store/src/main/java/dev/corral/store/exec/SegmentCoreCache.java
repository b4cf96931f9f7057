package dev.corral.store.exec;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.lucene.index.IndexReader;

/**
 * Values derived from one segment (per segment core and a name, such as a field), kept while the
 * core is open: a segment never changes, so a value stays right until its core closes (a merged-away
 * or dropped segment), when every value of the core is dropped. Least recently used values leave
 * when the values held pass the byte budget; a value larger than half the budget is not kept at all
 * (its caller uses it for the query that built it). Process-wide instances, like Lucene's own
 * segment caches.
 *
 * <p>Thread-safe. Nothing is built under the lock: two queries missing the same entry at once may
 * both build it, and the later {@link #put} replaces the earlier.
 *
 * @param <V> the derived value
 */
final class SegmentCoreCache<V> {
  private record Key(IndexReader.CacheKey core, String name) {}

  private final long budgetBytes;
  private final ToLongFunction<V> bytesOf;
  private final LinkedHashMap<Key, V> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<IndexReader.CacheKey> watchedCores = new HashSet<>();
  private long heldBytes;

  /** @param bytesOf the heap a value holds, as counted against {@code budgetBytes} */
  SegmentCoreCache(long budgetBytes, ToLongFunction<V> bytesOf) {
    this.budgetBytes = budgetBytes;
    this.bytesOf = bytesOf;
  }

  /** The value held for {@code name} of the segment core {@code core}, or null. */
  synchronized V get(IndexReader.CacheKey core, String name) {
    return entries.get(new Key(core, name));
  }

  /**
   * Keeps {@code value} for {@code name} of the core of {@code core} (unless it is larger than half
   * the budget), evicting the least recently used values beyond the budget.
   */
  void put(IndexReader.CacheHelper core, String name, V value) {
    long bytes = bytesOf.applyAsLong(value);
    if (bytes > budgetBytes / 2) {
      return;
    }
    boolean firstOfCore;
    synchronized (this) {
      firstOfCore = watchedCores.add(core.getKey());
      V replaced = entries.put(new Key(core.getKey(), name), value);
      heldBytes += bytes - (replaced == null ? 0 : bytesOf.applyAsLong(replaced));
      Iterator<Map.Entry<Key, V>> eldest = entries.entrySet().iterator();
      while (heldBytes > budgetBytes && eldest.hasNext()) {
        heldBytes -= bytesOf.applyAsLong(eldest.next().getValue());
        eldest.remove();
      }
    }
    if (firstOfCore) {
      core.addClosedListener(this::dropCore);
    }
  }

  /** The budget in bytes. */
  long budgetBytes() {
    return budgetBytes;
  }

  /** Bytes held now. */
  synchronized long heldBytes() {
    return heldBytes;
  }

  private synchronized void dropCore(IndexReader.CacheKey closed) {
    watchedCores.remove(closed);
    Iterator<Map.Entry<Key, V>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, V> entry = it.next();
      if (entry.getKey().core() == closed) {
        heldBytes -= bytesOf.applyAsLong(entry.getValue());
        it.remove();
      }
    }
  }
}
