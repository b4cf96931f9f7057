package dev.corral.store;

import dev.corral.store.index.FieldBudget;
import dev.corral.store.index.FieldMapping;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of one UTC day, in {@code directory/YYYY-MM-DD/}: its directory, its writer
 * (opened on the first event written after startup, closed when least recently used) and a
 * searcher manager (the writer's near-real-time one while the writer is open, else one over the
 * last commit, opened on the first search and closed when least recently used; design.md, "Open
 * files"). Each Lucene commit carries {@link PartitionCommitData}: the WAL position the commit
 * contains everything below ({@link #committedPosition()} is that of the last commit) and the
 * partition's {@link Tier}, which decides how its writer writes segments. Opening the store
 * reads only the last commit's metadata: no reader, no writer.
 *
 * <p>Thread-safety: {@link #writer()}, {@link #acquire()} and {@link #refresh} may be called from
 * any thread. The commit and eviction methods are called only under the commit-round lock and the
 * store's write lock as described in design.md. Searchers are reference-counted: a searcher acquired
 * before the manager is swapped (when the writer opens) or closed (eviction) stays usable until
 * released. A partition never waits for another partition's lock while holding its own.
 */
final class DailyPartition implements Closeable {
  private final LocalDate day;
  private final Path path;
  private final Directory directory;
  private final PartitionContext context;
  private final Object lock = new Object();
  private volatile SearcherManager searchers;
  private volatile IndexWriter writer;
  /** The field names the open writer indexes; null while no writer is open. */
  private volatile FieldBudget fields;
  private volatile long committedPosition;
  private volatile Tier tier = Tier.HOT;
  /** Events in the partition when it was last counted: what {@link #info()} shows while nothing is open. */
  private volatile long knownDocs;
  /** Event field names of the index when it was last open; null until first read. */
  private volatile Set<String> knownFields;
  /** Compactions merging with the writer now; it is not evicted meanwhile. Guarded by {@link #lock}. */
  private int merging;
  /** A compaction started and has not finished: the last commit carries {@value PartitionCommitData#COMPACTION_KEY}. */
  private volatile boolean compactionPending;

  private DailyPartition(LocalDate day, Path path, Directory directory, PartitionContext context) {
    this.day = day;
    this.path = path;
    this.directory = directory;
    this.context = context;
  }

  /**
   * Opens the partition of {@code day} under {@code root}, creating its directory if needed. Of an
   * existing index only the last commit's metadata is read (committed position, tier, events):
   * readers and writers open on demand.
   */
  static DailyPartition open(Path root, LocalDate day, PartitionContext context) throws IOException {
    Path path = root.resolve(day.toString());
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    DailyPartition partition = new DailyPartition(day, path, directory, context);
    try {
      partition.readLastCommit();
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw e;
    }
    return partition;
  }

  /**
   * Reads the committed position, tier, compaction mark and event count of the last commit (none: a
   * new partition).
   */
  private void readLastCommit() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      committedPosition = 0;
      knownDocs = 0;
      compactionPending = false;
      return;
    }
    SegmentInfos last = SegmentInfos.readLatestCommit(directory);
    PartitionCommitData data = PartitionCommitData.read(last.getUserData());
    committedPosition = data.position();
    tier = data.tier();
    compactionPending = data.compactionPending();
    knownDocs = last.totalMaxDoc();
  }

  LocalDate day() {
    return day;
  }

  /** First epoch nanosecond of the day (saturated at the ends of the long range). */
  long firstNanos() {
    return DayBounds.firstNanos(day);
  }

  /** Last epoch nanosecond of the day (saturated at the ends of the long range). */
  long lastNanos() {
    return DayBounds.lastNanos(day);
  }

  long committedPosition() {
    return committedPosition;
  }

  boolean hasWriter() {
    return writer != null;
  }

  Tier tier() {
    return tier;
  }

  /** Whether a compaction started and has not finished (durably: it is in the last commit). */
  boolean compactionPending() {
    return compactionPending;
  }

  /**
   * The writer, opened on first use with the settings of the partition's tier, and marked most
   * recently used. Opening counts against {@link StoreLimits#maxOpenWriters()}: the caller has
   * reserved a slot or made room ({@link WriterSlots}), or is a compaction (which may add one).
   */
  IndexWriter writer() throws IOException {
    IndexWriter current = writer;
    if (current != null) {
      context.writers().used(this);
      return current;
    }
    synchronized (lock) {
      if (writer == null) {
        IndexWriter opened = new IndexWriter(directory, PartitionWriterConfig.forTier(tier, context.ramBufferMb()));
        try {
          committedPosition = PartitionCommitData.position(opened.getLiveCommitData());
          SearcherManager old = searchers;
          searchers = new SearcherManager(opened, false, false, null);
          fields = FieldBudget.of(context.maxFieldsPerPartition(), opened.getFieldNames());
          writer = opened;
          context.readers().closed(this); // searched through the writer now
          context.writers().used(this);
          if (old != null) {
            old.close(); // searchers acquired from it stay valid until released
          }
        } catch (IOException | RuntimeException e) {
          IOUtils.closeWhileHandlingException(opened);
          throw e;
        }
      }
      return writer;
    }
  }

  /** The field names the writer indexes; call after {@link #writer()}, from the thread that called it. */
  FieldBudget fields() {
    FieldBudget current = fields;
    if (current == null) {
      throw new IllegalStateException("BUG: " + this + " has no open writer");
    }
    return current;
  }

  /**
   * A searcher to release with {@link AcquiredSearcher#close()}, or null when the day has no index
   * yet. Opens a reader over the last commit when none is open, then closes the least recently
   * used readers beyond {@link StoreLimits#maxOpenReaders()}; searchers acquired from those stay
   * valid until released.
   */
  AcquiredSearcher acquire() throws IOException {
    AcquiredSearcher acquired;
    synchronized (lock) {
      SearcherManager manager = searchers;
      if (manager == null) {
        if (!DirectoryReader.indexExists(directory)) {
          return null;
        }
        DirectoryReader reader = DirectoryReader.open(directory);
        knownDocs = reader.numDocs();
        manager = new SearcherManager(reader, null);
        searchers = manager;
      }
      if (writer == null) {
        context.readers().used(this);
      }
      acquired = new AcquiredSearcher(this, manager, manager.acquire());
    }
    try {
      context.readers().closeBeyondCap();
    } catch (IOException | RuntimeException e) {
      acquired.close();
      throw e;
    }
    return acquired;
  }

  /**
   * Closes the reader of a partition open for search only (a writer's reader stays); the next
   * search reopens it. Searchers acquired from it stay valid until released.
   */
  void closeReader() throws IOException {
    synchronized (lock) {
      context.readers().closed(this);
      SearcherManager closing = searchers;
      if (writer != null || closing == null) {
        return;
      }
      knownFields = EventFieldNames.of(closing);
      searchers = null;
      closing.close();
    }
  }

  /**
   * The event field names (as users type them) of the partition's indexed events: from the open
   * writer or reader, else as last seen open; a partition never open since start-up opens its
   * reader once to learn them.
   */
  Set<String> fieldNames() throws IOException {
    synchronized (lock) {
      IndexWriter current = writer;
      if (current != null) {
        knownFields = EventFieldNames.ofLuceneFields(current.getFieldNames());
        return knownFields;
      }
      if (searchers != null) {
        knownFields = EventFieldNames.of(searchers);
        return knownFields;
      }
      if (knownFields != null) {
        return knownFields;
      }
    }
    AcquiredSearcher acquired = acquire();
    if (acquired == null) {
      return Set.of();
    }
    try (acquired) {
      knownFields = EventFieldNames.of(acquired.searcher());
      return knownFields;
    }
  }

  /**
   * Closes the writer to make room for another (design.md, "Open files"): commits what it holds,
   * labelled {@code label} (or the committed position, if higher), then closes it and its
   * near-real-time reader; a later event or search reopens them. Caller holds the commit-round lock
   * and the write side of the apply lock, and {@code label} obeys the commit rule for this
   * partition: it holds every event of its day from records before the label, none after.
   *
   * @return false, doing nothing, when a compaction is under way (from its first commit to its last,
   *     {@link #compactionPending()}) or merging with the writer: closing the writer would stop the merge
   */
  boolean evictWriter(long label) throws IOException {
    synchronized (lock) {
      IndexWriter current = writer;
      if (current == null) {
        context.writers().closed(this);
        return true;
      }
      if (merging > 0 || compactionPending) {
        return false;
      }
      if (current.hasUncommittedChanges()) {
        long position = Math.max(label, committedPosition);
        current.setLiveCommitData(commitData(position).entrySet());
        current.commit();
        committedPosition = position;
      }
      closeWriterAndReader();
      return true;
    }
  }

  /**
   * Closes the near-real-time reader, then the writer (nothing uncommitted is left: callers commit
   * first). Closing the reader first lets the writer delete the files of segments merged away.
   */
  private void closeWriterAndReader() throws IOException {
    IndexWriter closing = writer;
    SearcherManager manager = searchers;
    knownDocs = closing.getDocStats().numDocs;
    knownFields = EventFieldNames.ofLuceneFields(closing.getFieldNames());
    writer = null;
    searchers = null;
    fields = null;
    context.writers().closed(this);
    IOUtils.close(manager, closing); // searchers acquired from manager stay valid until released
  }

  /**
   * Drops what the writer holds beyond its last commit (a prepared commit included), closes writer
   * and reader, and reads the last commit's position and tier again: the state of a restart, for a
   * store recovering from a failure. Caller holds the commit-round lock and the write side of the
   * apply lock.
   */
  void rollBackToLastCommit() throws IOException {
    synchronized (lock) {
      IndexWriter current = writer;
      SearcherManager manager = searchers;
      writer = null;
      searchers = null;
      fields = null;
      context.writers().closed(this);
      context.readers().closed(this);
      try {
        IOUtils.close(manager);
      } finally {
        if (current != null) {
          current.rollback(); // no effect on a writer a tragic error already closed
        }
      }
      knownFields = null;
      readLastCommit();
    }
  }

  /** Makes recently added events visible to new searchers; blocks for an ongoing refresh if asked. */
  void refresh(boolean blocking) throws IOException {
    if (writer == null) {
      return; // no writes since startup: the searcher already shows the last commit
    }
    SearcherManager manager = searchers;
    if (manager == null) {
      return; // the writer was closed meanwhile
    }
    try {
      if (blocking) {
        manager.maybeRefreshBlocking();
      } else {
        manager.maybeRefresh();
      }
    } catch (AlreadyClosedException e) {
      if (manager == searchers) {
        throw e;
      } // else the writer was opened or closed meanwhile: its new searcher manager is current
    }
  }

  /**
   * First phase of a commit round: if the writer has changes since its last commit, freezes them
   * into a prepared commit labelled {@code position}. Caller holds the store's write lock.
   *
   * @return whether a commit was prepared
   */
  boolean prepareCommit(long position) throws IOException {
    IndexWriter current = writer;
    if (current == null || !current.hasUncommittedChanges()) {
      return false;
    }
    current.setLiveCommitData(commitData(position).entrySet());
    current.prepareCommit();
    return true;
  }

  private Map<String, String> commitData(long position) {
    return new PartitionCommitData(position, tier, compactionPending).userData();
  }

  /**
   * Commits what the writer holds (labelled {@code position}) and closes it, then puts the
   * partition in {@code tier}; it is searched from its last commit until an event opens a new
   * writer, which writes the way {@code tier} says. Caller holds the store's write lock and the
   * commit round, so no event and no other commit is in flight.
   */
  void commitAndCloseWriter(long position, Tier next) throws IOException {
    synchronized (lock) {
      if (writer != null) {
        if (prepareCommit(position)) {
          commitPrepared(position);
        }
        closeWriterAndReader(); // the next search opens a reader over this commit
        deleteUnreferencedFiles();
      }
      tier = next;
    }
  }

  /**
   * Deletes the files no commit references. A writer keeps the files of segments merged away while
   * a near-real-time reader (a running search, a refresh) still uses them, and deletes them when
   * that reader closes — unless the writer has closed first; then they stay, as a compaction
   * measured: 492 MB on disk for a 300 MB partition. Opening a writer deletes them (Lucene's
   * file deleter); readers that still use them keep their open files.
   */
  private void deleteUnreferencedFiles() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setCommitOnClose(false);
    new IndexWriter(directory, config).rollback();
  }

  /**
   * Step 1 of a compaction (design.md, tiers): commits what the hot writer holds and closes it,
   * makes the partition warm with a compaction pending, opens the warm writer and commits that
   * state, so that a crash from here on is seen at the next open. Caller holds the store's write
   * lock and the commit round.
   *
   * @param position the applied WAL prefix; the commit is labelled with it or with the partition's
   *     own committed position if that is higher (a partition may have committed above the store
   *     checkpoint before a restart), never lower
   */
  void beginCompaction(long position) throws IOException {
    synchronized (lock) {
      commitAndCloseWriter(position, Tier.WARM);
      compactionPending = true;
      commitState(Math.max(position, committedPosition));
    }
  }

  /**
   * Step 3 of a compaction: clears the pending mark and commits it with what the warm writer holds
   * (the merged segment, late events), then closes the writer. Same caller rules as {@link
   * #beginCompaction}.
   */
  void finishCompaction(long position) throws IOException {
    synchronized (lock) {
      compactionPending = false;
      commitState(Math.max(position, committedPosition));
      commitAndCloseWriter(position, Tier.WARM);
    }
  }

  /** Commits the partition's state (tier, compaction mark) even when no document changed. */
  private void commitState(long position) throws IOException {
    IndexWriter current = writer();
    current.setLiveCommitData(commitData(position).entrySet()); // counts as a change, so it commits
    current.prepareCommit();
    commitPrepared(position);
  }

  /**
   * Step 2 of a compaction: merges the partition into one segment in the warm codec, writing at
   * most {@code maxBytesPerSec} (0: no limit) on one low-priority merge thread
   * ({@link CompactionMergeScheduler}); committed by the next commit round or step 3. The writer is
   * not evicted while it merges.
   */
  void forceMergeToOneSegment(long maxBytesPerSec) throws IOException {
    IndexWriter merger;
    synchronized (lock) {
      merging++;
    }
    try {
      synchronized (lock) {
        merger = writer();
      }
      if (!(merger.getConfig().getMergeScheduler() instanceof CompactionMergeScheduler scheduler)) {
        throw new IllegalStateException("BUG: " + this + " is " + tier + ", its writer has no compaction merge scheduler");
      }
      scheduler.limitForcedMerges(maxBytesPerSec);
      merger.forceMerge(1);
    } finally {
      synchronized (lock) {
        merging--;
      }
    }
  }

  /** Second phase: makes the prepared commit durable and visible to the next startup. */
  void commitPrepared(long position) throws IOException {
    writer.commit();
    committedPosition = position;
  }

  /** The unrecoverable error that closed the writer, or null. */
  Throwable tragedy() {
    IndexWriter current = writer;
    return current == null ? null : current.getTragicException();
  }

  /** A snapshot; counts the events through the open reader if any, else as last counted (no reader is opened). */
  PartitionInfo info() throws IOException {
    return new PartitionInfo(day, docCount(), sizeBytes(), committedPosition, writer != null, tier, compactionPending);
  }

  private long docCount() throws IOException {
    synchronized (lock) {
      SearcherManager manager = searchers;
      if (manager == null) {
        return knownDocs;
      }
      IndexSearcher searcher = manager.acquire();
      try {
        knownDocs = searcher.getIndexReader().numDocs();
        return knownDocs;
      } finally {
        manager.release(searcher);
      }
    }
  }

  private long sizeBytes() throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.list(path)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          total += Files.size(file);
        } catch (NoSuchFileException e) {
          // merged away while we looked
        }
      }
    }
    return total;
  }

  /** Closes searchers and writer; uncommitted changes are dropped (commitOnClose is off). */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      context.writers().closed(this);
      context.readers().closed(this);
      IOUtils.close(searchers, writer, directory);
    }
  }

  /** Drops uncommitted changes as a crash would, then closes. Tests only. */
  void rollbackAndClose() throws IOException {
    synchronized (lock) {
      IndexWriter current = writer;
      if (current != null) {
        current.rollback();
      }
      context.writers().closed(this);
      context.readers().closed(this);
      IOUtils.close(searchers, directory);
    }
  }

  @Override
  public String toString() {
    return "partition " + day;
  }
}
