package dev.corral.store.exec;

import java.io.IOException;
import java.util.Optional;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * The rollups of the segments queries have asked about, built on the first eligible query of a
 * segment and kept while its core is open (a segment's data never changes; deletions are the
 * reader's, and {@link RollupCounting} does not use a rollup for a reader with deletions), in a
 * {@link SegmentCoreCache}: an entry leaves when its core closes (a merged-away or dropped segment)
 * or, least recently used first, when the rollups held pass {@link #MAX_BYTES}.
 * A segment that cannot have a rollup ({@link SegmentRollup#build} returned null) is remembered
 * as such, so it is not scanned again. Process-wide, like the segments' own caches; thread-safe
 * (two queries may build the same rollup at once: the later one stored replaces the earlier).
 *
 * <p>Why built lazily in memory, not written with the partition at compaction: a rollup is one
 * doc-values pass over the segment (about what one aggregation over it costs), so the first query
 * pays it once per segment per process; hot segments, which change every second, get one too; and
 * no file format is added, so partitions written by earlier versions need nothing.
 */
final class SegmentRollups {
  /**
   * Bytes of rollups kept: a day-long segment of 87 (service, level) pairs holds ~18k minute
   * entries (~300 KB), so 64 MiB serves ~200 such segments, far more than a day's partition has.
   */
  static final long MAX_BYTES = 64L << 20;

  private static final SegmentRollups SHARED = new SegmentRollups(MAX_BYTES);

  /** Off only in tests that compare answers with and without rollups. */
  private static volatile boolean enabled = true;

  /** The name of a segment's rollup in the cache (one per segment). */
  private static final String ROLLUP = "rollup";

  /** Marks a segment that has no rollup. */
  private static final Entry NONE = new Entry(null, 64);

  private final SegmentCoreCache<Entry> entries;

  SegmentRollups(long maxBytes) {
    this.entries = new SegmentCoreCache<>(maxBytes, Entry::bytes);
  }

  static SegmentRollups shared() {
    return SHARED;
  }

  static boolean enabled() {
    return enabled;
  }

  /** Turns rollups off or on for every query of this process (for tests). */
  static void enable(boolean on) {
    enabled = on;
  }

  /**
   * The rollup of the segment under {@code reader} (a leaf of a query's searcher), built now when
   * not held; empty when the segment has none or its core cannot be a cache key.
   */
  Optional<SegmentRollup> of(LeafReader reader, QueryDeadline deadline) throws IOException {
    LeafReader segment = FilterLeafReader.unwrap(reader);
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    if (helper == null) {
      return Optional.empty();
    }
    Entry entry = entries.get(helper.getKey(), ROLLUP);
    if (entry == null) {
      SegmentRollup built = SegmentRollup.build(segment, deadline);
      entry = built == null ? NONE : new Entry(built, built.estimatedBytes());
      entries.put(helper, ROLLUP, entry);
    }
    return Optional.ofNullable(entry.rollup());
  }

  /** Rollups held, in bytes. */
  long bytes() {
    return entries.heldBytes();
  }

  /** A held rollup (null: the segment has none) and its bytes. */
  private record Entry(SegmentRollup rollup, long bytes) {}
}
