package dev.corral.store;

import dev.corral.store.DailyPartition.AcquiredSearcher;
import dev.corral.store.index.FieldMapping;
import dev.corral.store.query.LuceneQueryBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.IOUtils;

/**
 * Runs one {@link SearchRequest} over the partitions whose day overlaps its time window.
 *
 * <p>Partitions are read newest day first. Every one is counted (the total is exact); events are
 * fetched from the newest ones only until the limit is reached, because days do not overlap and
 * an older partition can only hold older events. Each partition's searcher is acquired before
 * reading and released after, so a partition cannot lose its data under a running search.
 * Stateless; thread-safe.
 */
final class EventSearch {
  private EventSearch() {}

  static SearchResult run(Partitions partitions, SearchRequest request) throws IOException {
    Query filter = new LuceneQueryBuilder(request.now()).build(request.query());
    List<AcquiredSearcher> acquired = new ArrayList<>();
    try {
      for (DailyPartition partition : partitions.overlapping(request.fromNanos(), request.toNanos())) {
        AcquiredSearcher searcher = partition.acquire();
        if (searcher != null) {
          acquired.add(searcher);
        }
      }
      long total = 0;
      List<StoredEvent> events = new ArrayList<>(Math.min(request.limit(), 1024));
      List<String> read = new ArrayList<>(acquired.size());
      for (AcquiredSearcher searcher : acquired) {
        Query query = withinWindow(filter, searcher.partition(), request);
        total += count(searcher.searcher(), query);
        read.add(searcher.partition().day().toString());
        if (events.size() < request.limit()) {
          collect(searcher.searcher(), query, request.limit() - events.size(), events);
        }
      }
      return new SearchResult(total, events, read);
    } finally {
      IOUtils.close(acquired);
    }
  }

  /** The filter restricted to the part of the window inside the partition's day. */
  private static Query withinWindow(Query filter, DailyPartition partition, SearchRequest request) {
    long from = Math.max(request.fromNanos(), partition.firstNanos());
    long to = Math.min(request.toNanos(), partition.lastNanos());
    if (from == partition.firstNanos() && to == partition.lastNanos()) {
      return filter; // the whole day is inside the window
    }
    Query window = LongPoint.newRangeQuery(FieldMapping.TIMESTAMP, from, to);
    if (filter instanceof MatchAllDocsQuery) {
      return window;
    }
    return new BooleanQuery.Builder().add(filter, Occur.FILTER).add(window, Occur.FILTER).build();
  }

  private static long count(IndexSearcher searcher, Query query) throws IOException {
    try {
      return searcher.count(query);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException("query has too many clauses: " + e.getMessage(), e);
    }
  }

  private static void collect(IndexSearcher searcher, Query query, int n, List<StoredEvent> into) throws IOException {
    TopFieldDocs top = searcher.search(query, n, FieldMapping.NEWEST_FIRST, false);
    StoredFields stored = searcher.storedFields();
    SourceVisitor visitor = new SourceVisitor();
    for (ScoreDoc hit : top.scoreDocs) {
      visitor.source = null;
      stored.document(hit.doc, visitor);
      if (visitor.source == null) {
        throw new IllegalStateException("BUG: document " + hit.doc + " has no " + FieldMapping.SOURCE);
      }
      long timestamp = (Long) ((FieldDoc) hit).fields[0];
      into.add(new StoredEvent(timestamp, visitor.source));
    }
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
