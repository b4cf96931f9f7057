package dev.corral.store.exec;

import dev.corral.store.index.FieldMapping;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;

/**
 * One partition as one query sees it: a private {@link IndexSearcher} over the partition's reader
 * whose timeout is the query's deadline (a searcher of its own, because the timeout and the
 * timed-out flag are searcher state). Every search checks the deadline before it starts and
 * throws {@link dev.corral.store.search.QueryTimeoutException} when Lucene stopped early, so a query never
 * returns partial results.
 *
 * <p>The searcher's timeout only covers collecting documents. Expanding a wildcard, regex or
 * range into terms happens before that, while the query's scorers are built, and a leading
 * wildcard reads the whole terms dictionary there; so the reader is wrapped in Lucene's {@link
 * ExitableDirectoryReader}, whose term enumerations (and doc-value and point iterations) poll the
 * same deadline every 16 terms and stop with its exception, which becomes the query's timeout.
 * Doc ids, caches and stored fields are those of the partition's reader. Not thread-safe: one per
 * partition per query.
 */
final class PartitionSearch {
  private final PartitionSnapshot partition;
  private final IndexSearcher searcher;
  private final QueryDeadline deadline;

  PartitionSearch(PartitionSnapshot partition, QueryDeadline deadline) throws IOException {
    this.partition = partition;
    this.deadline = deadline;
    this.searcher = new IndexSearcher(exitable(partition.reader(), deadline));
    this.searcher.setTimeout(deadline);
  }

  /** The reader, its term enumerations stopping at the deadline; not closed by the query. */
  private static IndexReader exitable(IndexReader reader, QueryDeadline deadline) throws IOException {
    return switch (reader) {
      case DirectoryReader directory -> ExitableDirectoryReader.wrap(directory, deadline);
      case LeafReader leaf -> new ExitableDirectoryReader.ExitableFilterAtomicReader(leaf, deadline);
      default -> throw new IllegalStateException("BUG: a partition reader is neither a directory nor a leaf reader: "
          + reader);
    };
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
    try {
      return run(() -> searcher.count(query));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException("query has too many clauses: " + e.getMessage(), e);
    }
  }

  TopFieldDocs top(Query query, int n, Sort sort) throws IOException {
    return run(() -> searcher.search(query, n, sort, false));
  }

  /** The first {@code n} hits in {@code sort} order after {@code after} (a hit of the same reader), or from the start when null. */
  TopFieldDocs topAfter(Query query, FieldDoc after, int n, Sort sort) throws IOException {
    return after == null ? top(query, n, sort) : run(() -> searcher.searchAfter(after, query, n, sort, false));
  }

  /**
   * The weight of {@code query} in this partition, without scores: a conditional aggregate tests
   * each collected document against it, segment by segment.
   */
  Weight weight(Query query) throws IOException {
    return run(() -> searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f));
  }

  <T> T collect(Query query, CollectorManager<?, T> manager) throws IOException {
    return run(() -> searcher.search(query, manager));
  }

  /** One search of the searcher. */
  private interface SearchCall<T> {
    T run() throws IOException;
  }

  /**
   * Runs a search between two deadline checks: stopped by the searcher's timeout or by the reader
   * (an expired deadline, or an interrupt: {@link ExitableDirectoryReader} answers both alike).
   */
  private <T> T run(SearchCall<T> call) throws IOException {
    deadline.check();
    T result;
    try {
      result = call.run();
    } catch (ExitableDirectoryReader.ExitingReaderException e) {
      if (deadline.shouldExit()) {
        throw deadline.expired();
      }
      Thread.currentThread().interrupt(); // the reader consumed the interrupt to stop; keep it
      throw new InterruptedIOException("query interrupted in partition " + partition.day());
    }
    if (searcher.timedOut()) {
      throw deadline.expired();
    }
    return result;
  }
}
