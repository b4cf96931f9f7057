package dev.corral.store;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SegmentInfos;

/**
 * The event field names of every partition, as of each partition's last reader (opened or
 * refreshed) or last commit read, and their union for "did you mean" hints (design.md, "Field
 * names"). A query reads the union, which is merged again only after some partition's names changed;
 * no query scans a segment's {@code FieldInfos}.
 *
 * <p>Contract: a partition is {@link #register registered} when it opens and {@link #forget
 * forgotten} when it is dropped; names {@link #learn learned} for a partition not registered (a late
 * refresh of a dropped partition) are ignored, so a dropped partition leaves no stale names.
 *
 * <p>Thread-safe.
 */
final class FieldNameCache {
  private final Map<DailyPartition, Set<String>> byPartition = new ConcurrentHashMap<>();
  /** Bumped by every change of a partition's names; the union is valid for one version. */
  private final AtomicLong version = new AtomicLong();
  private final AtomicReference<Union> union = new AtomicReference<>(new Union(0, Collections.emptySortedSet()));
  private final LongAdder scans = new LongAdder();

  private record Union(long version, SortedSet<String> names) {}

  /** Starts tracking {@code partition}, with no names until it learns them. */
  void register(DailyPartition partition) {
    byPartition.put(partition, Set.of());
    version.incrementAndGet();
  }

  /** Scans the {@code FieldInfos} of every segment {@code reader} reads: a reader opened or refreshed. */
  void learn(DailyPartition partition, IndexReader reader) {
    scans.increment();
    replace(partition, EventFieldNames.of(reader));
  }

  /** Scans the {@code FieldInfos} of every segment of {@code commit}: a partition opened or rolled back. */
  void learn(DailyPartition partition, SegmentInfos commit) throws IOException {
    scans.increment();
    replace(partition, EventFieldNames.ofCommit(commit));
  }

  /**
   * Names given as Lucene field names: those a closing writer indexes ({@code
   * IndexWriter.getFieldNames()}, no segment is read), or none for a partition without a commit.
   */
  void learnNames(DailyPartition partition, Iterable<String> luceneFieldNames) {
    replace(partition, EventFieldNames.ofLuceneFields(luceneFieldNames));
  }

  /** Stops tracking {@code partition}: its names leave the union now and later updates are ignored. */
  void forget(DailyPartition partition) {
    if (byPartition.remove(partition) != null) {
      version.incrementAndGet();
    }
  }

  /** Sets a tracked partition's names; the union is merged again only when they differ from before. */
  private void replace(DailyPartition partition, Set<String> names) {
    boolean[] changed = {false};
    byPartition.computeIfPresent(partition, (p, previous) -> {
      changed[0] = !previous.equals(names);
      return names;
    });
    if (changed[0]) {
      version.incrementAndGet();
    }
  }

  /** Every partition's names, merged; merged again only when some partition's names changed. */
  SortedSet<String> all() {
    Union current = union.get();
    long now = version.get();
    if (current.version() == now) {
      return current.names();
    }
    SortedSet<String> merged = new TreeSet<>();
    byPartition.values().forEach(merged::addAll);
    Union fresh = new Union(now, Collections.unmodifiableSortedSet(merged));
    union.accumulateAndGet(fresh, (a, b) -> a.version() >= b.version() ? a : b);
    return fresh.names();
  }

  /** How many times a reader's or a commit's segments were scanned for names (a test seam and a cost figure). */
  long scans() {
    return scans.sum();
  }
}
