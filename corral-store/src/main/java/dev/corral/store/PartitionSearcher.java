package dev.corral.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;

/**
 * The read side of one {@link DailyPartition}: its searcher manager (the writer's near-real-time one
 * while the writer is open, else one over the last commit, opened on the first search and closed
 * when least recently used; design.md, "Open files"), the queries holding it, and its field names,
 * learnt each time the writer's reader opens or refreshes ({@link FieldNameCache}). A reader over
 * the last commit learns nothing: the partition knows that commit's names already (read when it
 * opened or rolled back, or from the writer that made the commit), so reopening an evicted reader
 * for a query scans no field infos.
 *
 * <p>Reference counts: every {@link AcquiredSearcher} holds the partition until released; a
 * searcher acquired before the manager is swapped or closed stays usable until released, and a
 * {@link #drop dropped} partition's files are deleted only when the last one is released
 * (design.md, "Dropping a partition").
 *
 * <p>Refresh on demand: the near-real-time reader is reopened only when a reader of the store asks
 * ({@link #refreshIfOlderThan}: a query, an export, field names, partition counts) or after a commit
 * round, never on a timer (design.md, "Refresh on demand").
 *
 * <p>Thread-safety: every method runs under the partition's lock (given at construction) except
 * {@link #refreshIfOlderThan}; the methods marked so expect the caller to hold it already.
 */
final class PartitionSearcher {
  private final DailyPartition partition;
  private final Directory directory;
  private final PartitionContext context;
  private final Object lock;
  private final SearcherFactory learningNames = new SearcherFactory() {
    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
      context.fieldNames().learn(partition, reader); // each near-real-time reader, never per query
      return new IndexSearcher(reader);
    }
  };
  private volatile SearcherManager manager;
  /** Held by the one caller refreshing now ({@link #refreshIfOlderThan}). */
  private final ReentrantLock refreshLock = new ReentrantLock();
  /** Refresh requests so far; each caller of {@link #refreshIfOlderThan} that needs one takes the next number. */
  private final AtomicLong refreshRequests = new AtomicLong();
  /** The highest request a finished refresh began after. Guarded by {@link #refreshLock}. */
  private long refreshRequestsServed;
  /** {@link System#nanoTime()} when the current reader's refresh (or opening) began: it shows every event indexed before. */
  private volatile long visibleFromNanos = System.nanoTime();
  /** Events in the partition when it was last counted: what {@link #docCount()} shows while nothing is open. */
  private volatile long knownDocs;
  /** Searchers acquired and not yet released. Guarded by {@link #lock}. */
  private int holders;
  /** Runs when a dropped partition's last holder releases it; null until dropped. Guarded by {@link #lock}. */
  private Runnable deleteWhenReleased;

  PartitionSearcher(DailyPartition partition, Directory directory, PartitionContext context, Object lock) {
    this.partition = partition;
    this.directory = directory;
    this.context = context;
    this.lock = lock;
  }

  /** Searches through {@code writer}'s near-real-time reader from now on. Caller holds the lock. */
  void searchThrough(IndexWriter writer) throws IOException {
    SearcherManager old = manager;
    visibleFromNanos = System.nanoTime(); // before the reader opens: it shows every event indexed until then
    manager = new SearcherManager(writer, false, false, learningNames);
    context.readers().closed(partition); // searched through the writer now
    if (old != null) {
      old.close(); // searchers acquired from it stay valid until released
    }
  }

  /**
   * Closes the reader, remembering {@code docs} as the event count; the next search opens one over
   * the last commit. Caller holds the lock.
   */
  void closeAll(long docs) throws IOException {
    knownDocs = docs;
    closeAll();
  }

  /** Closes the reader (searchers acquired from it stay valid until released). Caller holds the lock. */
  void closeAll() throws IOException {
    SearcherManager closing = manager;
    manager = null;
    context.readers().closed(partition);
    IOUtils.close(closing);
  }

  /** The event count of the last commit, read when the partition opens or rolls back. Caller holds the lock. */
  void countCommitted(long docs) {
    knownDocs = docs;
  }

  /**
   * A searcher to release with {@link AcquiredSearcher#close()}, or null when the day has no index
   * yet or was dropped. Opens a reader over the last commit when none is open, then closes the least
   * recently used readers beyond {@link StoreLimits#maxOpenReaders()}.
   *
   * @param writerOpen whether the partition has a writer (then its reader does not count as
   *     search-only); asked under the lock, where the writer opens and closes
   */
  AcquiredSearcher acquire(BooleanSupplier writerOpen) throws IOException {
    AcquiredSearcher acquired;
    synchronized (lock) {
      if (deleteWhenReleased != null) {
        return null; // dropped: a query from now on sees it gone
      }
      SearcherManager current = manager;
      if (current == null) {
        if (!DirectoryReader.indexExists(directory)) {
          return null;
        }
        DirectoryReader reader = DirectoryReader.open(directory);
        knownDocs = reader.numDocs();
        current = new SearcherManager(reader, null); // the commit's names are known (class comment)
        manager = current;
      }
      if (!writerOpen.getAsBoolean()) {
        context.readers().used(partition);
      }
      acquired = new AcquiredSearcher(this, current, current.acquire());
      holders++;
    }
    try {
      context.readers().closeBeyondCap();
    } catch (IOException | RuntimeException e) {
      acquired.close();
      throw e;
    }
    return acquired;
  }

  /** Called once by each {@link AcquiredSearcher} as it is released. */
  void released() {
    Runnable delete = null;
    synchronized (lock) {
      if (--holders == 0 && deleteWhenReleased != null) {
        delete = deleteWhenReleased;
      }
    }
    if (delete != null) {
      delete.run();
    }
  }

  /**
   * Marks the partition dropped: no searcher is acquired from now on. Caller holds the lock and has
   * closed the reader.
   *
   * @param delete deletes the partition's files; run now when no query holds the partition, else by
   *     the release of the last one
   * @return whether {@code delete} ran now
   */
  boolean drop(Runnable delete) {
    deleteWhenReleased = delete;
    if (holders > 0) {
      return false;
    }
    delete.run();
    return true;
  }

  /** Searchers acquired and not yet released (for tests and stats). */
  int holders() {
    synchronized (lock) {
      return holders;
    }
  }

  /**
   * Closes the reader of a partition open for search only (a writer's reader stays); the next search
   * reopens it.
   */
  void closeReader(BooleanSupplier writerOpen) throws IOException {
    synchronized (lock) {
      context.readers().closed(partition);
      if (!writerOpen.getAsBoolean() && manager != null) {
        closeAll();
      }
    }
  }

  /**
   * Makes the events indexed before this call visible to new searchers (and learns their field
   * names), unless the current reader already shows every event indexed up to {@code maxAgeNanos}
   * before this call (its refresh began no earlier). Concurrent callers share refreshes: one that
   * waits while another refreshes is served by the next refresh begun after its call, run by
   * whichever of them takes the lock first, so a burst of queries waits for at most two refreshes.
   * No partition lock: the manager may be swapped or closed meanwhile (then the new one is current).
   *
   * @param maxAgeNanos how stale the reader may be, in nanoseconds; 0 always refreshes (when the
   *     writer has changes: a refresh with none costs a check)
   * @return whether this call ran a refresh
   */
  boolean refreshIfOlderThan(long maxAgeNanos) throws IOException {
    long called = System.nanoTime();
    if (maxAgeNanos > 0 && called - visibleFromNanos < maxAgeNanos) {
      return false; // the reader's refresh began within the allowed age (nanoTime differences, overflow-safe)
    }
    long ticket = refreshRequests.incrementAndGet();
    refreshLock.lock();
    try {
      if (refreshRequestsServed >= ticket) {
        return false; // a refresh begun after this call made its events visible
      }
      long serving = refreshRequests.get();
      long started = System.nanoTime();
      refresh();
      visibleFromNanos = started;
      refreshRequestsServed = serving;
      return true;
    } finally {
      refreshLock.unlock();
    }
  }

  private void refresh() throws IOException {
    SearcherManager current = manager;
    if (current == null) {
      return; // the writer was closed meanwhile: the next search opens its last commit
    }
    try {
      current.maybeRefreshBlocking();
    } catch (AlreadyClosedException e) {
      if (current == manager) {
        throw e;
      } // else the writer was opened or closed meanwhile: its new searcher manager is current
    }
  }

  /** Events counted through the open reader if any, else as last counted (no reader is opened). */
  long docCount() throws IOException {
    synchronized (lock) {
      SearcherManager current = manager;
      if (current == null) {
        return knownDocs;
      }
      IndexSearcher searcher = current.acquire();
      try {
        knownDocs = searcher.getIndexReader().numDocs();
        return knownDocs;
      } finally {
        current.release(searcher);
      }
    }
  }
}
