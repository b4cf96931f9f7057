package dev.corral.store.exec;

import dev.corral.store.index.FieldMapping;
import dev.corral.store.search.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Finds the first N events of an order across partitions and reads their stored sources.
 *
 * <p>Partitions hold disjoint days, so for newest-first (oldest-first) orders the partitions are
 * read newest (oldest) day first and reading stops once N events are found. Any other order
 * needs the top N of every partition, merged by the same sort (ties: earlier partition in the
 * list, i.e. the newer day, then index order). Stateless.
 */
final class EventFetcher {
  private EventFetcher() {}

  /**
   * The first {@code n} hits of {@code queries} (one per partition) in {@code order}.
   *
   * @param partitions newest day first
   */
  static List<EventHit> top(List<PartitionSearch> partitions, List<Query> queries, EventOrder order, int n)
      throws IOException {
    List<EventHit> hits = new ArrayList<>(Math.min(n, 1024));
    if (n == 0) {
      return hits;
    }
    if (order.isNewestFirst() || order.isOldestFirst()) {
      int count = partitions.size();
      for (int k = 0; k < count && hits.size() < n; k++) {
        int p = order.isNewestFirst() ? k : count - 1 - k;
        TopFieldDocs top = partitions.get(p).top(queries.get(p), n - hits.size(), order.sort());
        for (ScoreDoc doc : top.scoreDocs) {
          hits.add(hit(p, doc));
        }
      }
      return hits;
    }
    TopFieldDocs[] perPartition = new TopFieldDocs[partitions.size()];
    for (int p = 0; p < perPartition.length; p++) {
      perPartition[p] = partitions.get(p).top(queries.get(p), n, order.sort());
      for (ScoreDoc doc : perPartition[p].scoreDocs) {
        doc.shardIndex = p;
      }
    }
    for (ScoreDoc doc : TopDocs.merge(order.sort(), n, perPartition).scoreDocs) {
      hits.add(hit(doc.shardIndex, doc));
    }
    return hits;
  }

  private static EventHit hit(int partition, ScoreDoc doc) {
    Object[] values = ((FieldDoc) doc).fields;
    return new EventHit(partition, doc.doc, (Long) values[values.length - 1]);
  }

  /** The stored events of {@code hits}, in the same order. */
  static List<StoredEvent> load(List<PartitionSearch> partitions, List<EventHit> hits, QueryDeadline deadline)
      throws IOException {
    StoredFields[] stored = new StoredFields[partitions.size()];
    SourceVisitor visitor = new SourceVisitor();
    List<StoredEvent> events = new ArrayList<>(hits.size());
    for (EventHit hit : hits) {
      if ((events.size() & 255) == 0) {
        deadline.check();
      }
      if (stored[hit.partition()] == null) {
        stored[hit.partition()] = partitions.get(hit.partition()).searcher().storedFields();
      }
      visitor.source = null;
      stored[hit.partition()].document(hit.doc(), visitor);
      if (visitor.source == null) {
        throw new IllegalStateException("BUG: document " + hit.doc() + " has no " + FieldMapping.SOURCE);
      }
      events.add(new StoredEvent(hit.timestamp(), visitor.source));
    }
    return events;
  }

  /** Reads only the source field of a document. */
  private static final class SourceVisitor extends StoredFieldVisitor {
    byte[] source;

    @Override
    public Status needsField(FieldInfo field) {
      if (source != null) {
        return Status.STOP;
      }
      return field.name.equals(FieldMapping.SOURCE) ? Status.YES : Status.NO;
    }

    @Override
    public void binaryField(FieldInfo field, byte[] value) {
      source = value;
    }
  }
}
