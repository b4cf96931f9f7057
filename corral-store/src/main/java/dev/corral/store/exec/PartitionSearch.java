package dev.corral.store.exec;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;

/**
 * One partition as one query sees it: a private {@link IndexSearcher} over the partition's reader
 * whose timeout is the query's deadline (a searcher of its own, because the timeout and the
 * timed-out flag are searcher state). Every search checks the deadline before it starts and
 * throws {@link dev.corral.store.QueryTimeoutException} when Lucene stopped early, so a query never
 * returns partial results. Not thread-safe: one per partition per query.
 */
final class PartitionSearch {
  private final PartitionSnapshot partition;
  private final IndexSearcher searcher;
  private final QueryDeadline deadline;

  PartitionSearch(PartitionSnapshot partition, QueryDeadline deadline) {
    this.partition = partition;
    this.deadline = deadline;
    this.searcher = new IndexSearcher(partition.reader());
    this.searcher.setTimeout(deadline);
  }

  PartitionSnapshot partition() {
    return partition;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  /** {@code filter} restricted to the part of {@code [fromNanos, toNanos]} inside this day. */
  Query withinWindow(Query filter, long fromNanos, long toNanos) {
    long from = Math.max(fromNanos, partition.firstNanos());
    long to = Math.min(toNanos, partition.lastNanos());
    if (from == partition.firstNanos() && to == partition.lastNanos()) {
      return filter;
    }
    Query window = LongPoint.newRangeQuery(FieldMapping.TIMESTAMP, from, to);
    if (filter instanceof MatchAllDocsQuery) {
      return window;
    }
    return new BooleanQuery.Builder().add(filter, Occur.FILTER).add(window, Occur.FILTER).build();
  }

  long count(Query query) throws IOException {
    deadline.check();
    int count;
    try {
      count = searcher.count(query);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException("query has too many clauses: " + e.getMessage(), e);
    }
    checkNotTimedOut();
    return count;
  }

  TopFieldDocs top(Query query, int n, Sort sort) throws IOException {
    deadline.check();
    TopFieldDocs top = searcher.search(query, n, sort, false);
    checkNotTimedOut();
    return top;
  }

  <T> T collect(Query query, CollectorManager<?, T> manager) throws IOException {
    deadline.check();
    T result = searcher.search(query, manager);
    checkNotTimedOut();
    return result;
  }

  private void checkNotTimedOut() {
    if (searcher.timedOut()) {
      throw deadline.expired();
    }
  }
}
