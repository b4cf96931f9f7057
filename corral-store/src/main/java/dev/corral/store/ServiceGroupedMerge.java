package dev.corral.store;

import dev.corral.model.FieldNames;
import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.packed.PackedInts;

/**
 * A merge that writes the events of each service together, in service order, keeping their
 * relative order within a service. Events of one service share their shape, hosts, versions and
 * much of their text, so grouping them shrinks a warm segment's postings and doc values (about
 * 6 % of a warm partition on the benchmark's fleet; docs/benchmarks.md). Queries never depend on
 * document order: they sort by timestamp themselves.
 *
 * <p>Costs two packed arrays of {@code log2(maxDoc)} bits per document while the merge runs (60
 * MB for 10 million events), and two passes over the service doc values.
 */
final class ServiceGroupedMerge extends MergePolicy.OneMerge {
  private static final String SERVICE = FieldMapping.keyword(FieldNames.SERVICE);

  ServiceGroupedMerge(List<SegmentCommitInfo> segments) {
    super(segments);
  }

  /** The new order, or null (keep the order) when the merged documents have fewer than two services. */
  @Override
  public Sorter.DocMap reorder(CodecReader reader, Directory dir, Executor executor) throws IOException {
    SortedSetDocValues services = reader.getSortedSetDocValues(SERVICE);
    if (services == null || services.getValueCount() < 2) {
      return null;
    }
    int maxDoc = reader.maxDoc();
    int groups = Math.toIntExact(services.getValueCount()) + 1; // the last one: events without a service
    int[] next = new int[groups];
    int withService = 0;
    for (int doc = services.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = services.nextDoc()) {
      next[(int) services.nextOrd()]++;
      withService++;
    }
    next[groups - 1] = maxDoc - withService;
    int start = 0;
    for (int g = 0; g < groups; g++) { // counts → first new doc id of each group
      int count = next[g];
      next[g] = start;
      start += count;
    }
    int bits = PackedInts.bitsRequired(Math.max(1, maxDoc - 1));
    PackedInts.Mutable oldToNew = PackedInts.getMutable(maxDoc, bits, PackedInts.COMPACT);
    PackedInts.Mutable newToOld = PackedInts.getMutable(maxDoc, bits, PackedInts.COMPACT);
    services = reader.getSortedSetDocValues(SERVICE);
    int doc = services.nextDoc();
    for (int old = 0; old < maxDoc; old++) {
      int group = groups - 1;
      if (old == doc) {
        group = (int) services.nextOrd();
        doc = services.nextDoc();
      }
      int renumbered = next[group]++;
      oldToNew.set(old, renumbered);
      newToOld.set(renumbered, old);
    }
    return new Sorter.DocMap() {
      @Override
      public int oldToNew(int docID) {
        return (int) oldToNew.get(docID);
      }

      @Override
      public int newToOld(int docID) {
        return (int) newToOld.get(docID);
      }

      @Override
      public int size() {
        return maxDoc;
      }
    };
  }
}
