package dev.corral.store;

import java.io.Closeable;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * A searcher of a partition, as a query holds it: released exactly once by {@link #close()}. While
 * held, it stays usable after the partition's reader is closed or swapped (Lucene's reference
 * counts) and after the partition is dropped (the partition's own count: its files are deleted when
 * the last holder releases it).
 */
final class AcquiredSearcher implements Closeable {
  private final PartitionSearcher owner;
  private final SearcherManager manager;
  private final IndexSearcher searcher;
  private boolean released;

  AcquiredSearcher(PartitionSearcher owner, SearcherManager manager, IndexSearcher searcher) {
    this.owner = owner;
    this.manager = manager;
    this.searcher = searcher;
  }

  IndexSearcher searcher() {
    return searcher;
  }

  @Override
  public void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    try {
      manager.release(searcher);
    } finally {
      owner.released();
    }
  }
}
