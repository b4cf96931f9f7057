package dev.corral.store;

import java.io.Closeable;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * A searcher of a partition, as a query holds it: released exactly once by {@link #close()}; it
 * stays usable after the partition's reader is closed or swapped (reference-counted).
 */
final class AcquiredSearcher implements Closeable {
  private final DailyPartition partition;
  private final SearcherManager manager;
  private final IndexSearcher searcher;
  private boolean released;

  AcquiredSearcher(DailyPartition partition, SearcherManager manager, IndexSearcher searcher) {
    this.partition = partition;
    this.manager = manager;
    this.searcher = searcher;
  }

  DailyPartition partition() {
    return partition;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  @Override
  public void close() throws IOException {
    if (!released) {
      released = true;
      manager.release(searcher);
    }
  }
}
