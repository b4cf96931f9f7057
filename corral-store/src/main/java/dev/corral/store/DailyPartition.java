package dev.corral.store;

import dev.corral.store.index.FieldBudget;
import dev.corral.store.index.PartitionSchema;
import dev.corral.store.index.SchemaAlignedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of one UTC day, in {@code directory/YYYY-MM-DD/}: its directory, its writer
 * (opened on the first event written after startup, closed when least recently used) and its read
 * side ({@link PartitionSearcher}: the searcher manager, the queries holding the partition, its field
 * names). Each Lucene commit carries {@link PartitionCommitData}: the WAL position the commit
 * contains everything below ({@link #committedPosition()} is that of the last commit) and the
 * partition's {@link Tier}, which decides how its writer writes segments. Opening the store
 * reads only the last commit's metadata and field infos: no reader, no writer.
 *
 * <p>Thread-safety: {@link #writer()}, {@link #acquire()} and {@link #refresh} may be called from
 * any thread. The commit, eviction and drop methods are called only under the commit-round lock
 * and the store's write lock as described in design.md. Searchers are reference-counted: a searcher
 * acquired before the manager is swapped (when the writer opens), closed (eviction) or the partition
 * dropped stays usable until released. A partition never waits for another partition's lock while
 * holding its own.
 */
final class DailyPartition implements Closeable {
  private final LocalDate day;
  private final Path path;
  private final Directory directory;
  private final PartitionContext context;
  private final Object lock = new Object();
  private final PartitionSearcher searcher;
  private volatile IndexWriter writer;
  /** The field names the open writer indexes; null while no writer is open. */
  private volatile FieldBudget fields;
  private volatile PartitionSchema schema;
  private volatile long committedPosition;
  private volatile Tier tier = Tier.HOT;
  /** Compactions merging with the writer now; it is not evicted meanwhile. Guarded by {@link #lock}. */
  private int merging;
  /** A compaction started and has not finished: the last commit carries {@value PartitionCommitData#COMPACTION_KEY}. */
  private volatile boolean compactionPending;
  /** The archived generation merged into the partition ({@link #mergeArchivedCopy}), or {@link PartitionCommitData#NO_ARCHIVED_COPY}. */
  private volatile long archivedCopy = PartitionCommitData.NO_ARCHIVED_COPY;
  /** Dropped ({@link #drop}): no writer opens again. Guarded by {@link #lock}. */
  private boolean dropped;

  private DailyPartition(LocalDate day, Path path, Directory directory, PartitionContext context) {
    this.day = day;
    this.path = path;
    this.directory = directory;
    this.context = context;
    this.searcher = new PartitionSearcher(this, directory, context, lock);
  }

  /**
   * Opens the partition of {@code day} under {@code root}, creating its directory if needed. Of an
   * existing index only the last commit's metadata is read (committed position, tier, events, field
   * names): readers and writers open on demand.
   */
  static DailyPartition open(Path root, LocalDate day, PartitionContext context) throws IOException {
    Path path = root.resolve(day.toString());
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    DailyPartition partition = new DailyPartition(day, path, directory, context);
    context.fieldNames().register(partition);
    try {
      partition.readLastCommit();
    } catch (IOException | RuntimeException e) {
      context.fieldNames().forget(partition);
      IOUtils.closeWhileHandlingException(directory);
      throw e;
    }
    return partition;
  }

  /**
   * Reads the committed position, tier, compaction mark, event count and field names of the last
   * commit (none: a new partition).
   */
  private void readLastCommit() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      committedPosition = 0;
      searcher.countCommitted(0);
      context.fieldNames().learnNames(this, Set.of());
      compactionPending = false;
      archivedCopy = PartitionCommitData.NO_ARCHIVED_COPY;
      return;
    }
    SegmentInfos last = SegmentInfos.readLatestCommit(directory);
    PartitionCommitData data = PartitionCommitData.read(last.getUserData());
    committedPosition = data.position();
    tier = data.tier();
    compactionPending = data.compactionPending();
    archivedCopy = data.archivedCopy();
    searcher.countCommitted(last.totalMaxDoc());
    context.fieldNames().learn(this, last);
  }

  LocalDate day() {
    return day;
  }

  /** The partition's directory, {@code root/YYYY-MM-DD/}. */
  Path path() {
    return path;
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
      if (dropped) {
        throw new IllegalStateException("BUG: " + this + " was dropped; nothing may write to it");
      }
      if (writer == null) {
        IndexWriter opened = new IndexWriter(directory, PartitionWriterConfig.forTier(tier, context.ramBufferMb()));
        try {
          committedPosition = PartitionCommitData.position(opened.getLiveCommitData());
          searcher.searchThrough(opened);
          fields = FieldBudget.of(context.maxFieldsPerPartition(), opened.getFieldNames());
          schema = PartitionSchema.of(EventFieldNames.ofLatestCommit(directory));
          writer = opened;
          context.writers().used(this);
        } catch (IOException | RuntimeException e) {
          IOUtils.closeWhileHandlingException(opened);
          throw e;
        }
      }
      return writer;
    }
  }

  /**
   * How the writer writes the fields whose mapping changed between versions (as the partition's
   * last commit has them when the writer opened); call after {@link #writer()}, from the thread
   * that called it.
   */
  PartitionSchema schema() {
    PartitionSchema current = schema;
    if (current == null) {
      throw new IllegalStateException("BUG: " + this + " has no open writer");
    }
    return current;
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
   * yet or was dropped ({@link PartitionSearcher#acquire}).
   */
  AcquiredSearcher acquire() throws IOException {
    return searcher.acquire(this::hasWriter);
  }

  /**
   * Closes the reader of a partition open for search only (a writer's reader stays); the next
   * search reopens it. Searchers acquired from it stay valid until released.
   */
  void closeReader() throws IOException {
    searcher.closeReader(this::hasWriter);
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
    context.fieldNames().learnNames(this, closing.getFieldNames());
    writer = null;
    fields = null;
    schema = null;
    context.writers().closed(this);
    try {
      searcher.closeAll(closing.getDocStats().numDocs); // searchers acquired from it stay valid until released
    } finally {
      closing.close();
    }
  }

  /**
   * Drops what the writer holds beyond its last commit (a prepared commit included), closes writer
   * and reader, and reads the last commit's position and tier again: the state of a restart, for a
   * store recovering from a failure. Caller holds the commit-round lock and the write side of the
   * apply lock.
   */
  void rollBackToLastCommit() throws IOException {
    synchronized (lock) {
      closeDiscarding();
      readLastCommit();
    }
  }

  /**
   * Makes the events indexed before this call visible to new searchers, unless the reader already
   * shows every event indexed up to {@code maxAgeNanos} before it ({@link
   * PartitionSearcher#refreshIfOlderThan}; 0: refresh now).
   *
   * @return whether a refresh ran (false too when there is no writer: the searcher shows the last commit)
   */
  boolean refresh(long maxAgeNanos) throws IOException {
    if (writer != null) { // else no writes since the last commit was opened: nothing to show
      return searcher.refreshIfOlderThan(maxAgeNanos);
    }
    return false;
  }

  /** Bytes the writer's indexing buffer holds now (not yet in a segment); 0 without a writer. */
  long bufferedBytes() {
    IndexWriter current = writer;
    return current == null ? 0 : current.ramBytesUsed();
  }

  /**
   * Writes the writer's indexing buffer into segments, without refreshing or committing ({@link
   * IndexingBuffers}); no effect without a writer or when it was closed meanwhile.
   */
  void flushBuffer() throws IOException {
    IndexWriter current = writer;
    if (current == null) {
      return;
    }
    try {
      current.flush();
    } catch (AlreadyClosedException e) {
      if (current == writer && current.getTragicException() != null) {
        throw e;
      } // else closed by an eviction or a compaction meanwhile: it flushed or committed what it held
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
    return new PartitionCommitData(position, tier, compactionPending, archivedCopy).userData();
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
        PartitionFiles.deleteUnreferenced(directory);
      }
      tier = next;
    }
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

  /**
   * After {@link #deleteMatching}: a warm partition is merged into one segment again, without the
   * deleted events, as its compaction did ({@link #forceMergeToOneSegment}: warm codec, at most
   * {@code maxBytesPerSec}), which gives their space back. A hot partition is left as it is: its
   * compaction to warm drops them (Lucene's {@code forceMergeDeletes} left big hot segments as they
   * were, measured). Committed by the next commit round or by the caller.
   *
   * @return whether it merged
   */
  boolean reclaimDeleted(long maxBytesPerSec) throws IOException {
    if (tier != Tier.WARM) {
      return false;
    }
    forceMergeToOneSegment(maxBytesPerSec);
    return true;
  }

  /**
   * Deletes the events matching {@code query} and commits (design.md, "Deleting events by query"):
   * first what the writer holds, so the count before is exact, then the deletion, both labelled
   * {@code position} or the partition's own committed position if higher. Caller holds the store's
   * write lock and the commit round (no record in flight), like a compaction's first step.
   *
   * @return the events deleted (0 when none matched: the commit then changes nothing)
   */
  long deleteMatching(Query query, long position) throws IOException {
    return -rewrite(position, writer -> writer.deleteDocuments(query));
  }

  /**
   * Commits what the writer holds, then applies {@code change} and commits it, both labelled {@code
   * position} or the partition's own committed position if higher; returns how many events the
   * change added (negative: removed). Caller holds the store's write lock and the commit round.
   */
  private long rewrite(long position, WriterChange change) throws IOException {
    synchronized (lock) {
      IndexWriter current = writer();
      long label = Math.max(position, committedPosition);
      if (prepareCommit(label)) {
        commitPrepared(label);
      }
      long before = current.getDocStats().numDocs;
      change.apply(current);
      current.setLiveCommitData(commitData(label).entrySet());
      current.commit();
      committedPosition = label;
      return current.getDocStats().numDocs - before;
    }
  }

  /** A change to the partition's index, committed by {@link #rewrite}. */
  @FunctionalInterface
  private interface WriterChange {
    void apply(IndexWriter writer) throws IOException;
  }

  /** The archived generation merged into the partition (as its last commit says), or {@link PartitionCommitData#NO_ARCHIVED_COPY}. */
  long archivedCopy() {
    return archivedCopy;
  }

  /**
   * Adds the events of {@code copy} (a whole Lucene commit of this day, the archived copy) to the
   * partition and commits, marking the commit with {@code generation} ({@link
   * PartitionCommitData#ARCHIVED_COPY_KEY}): first what the writer holds, then the copy's segments,
   * in one commit labelled {@code position} or the partition's own committed position if higher.
   * Caller holds the store's write lock and the commit round (no record in flight), like {@link
   * #deleteMatching}.
   *
   * <p>The copy's files are copied as they are when the partition writes every field of the copy
   * the way the copy has it; a copy archived before the mapping diet, joining a partition started
   * after it, is rewritten instead through {@link SchemaAlignedReader} (a merge: CPU, not just
   * I/O) without the identifier doc values and number points this partition writes without
   * (design.md, "Merging an archived copy into a partition").
   *
   * @return the events added
   * @throws IllegalArgumentException when the copy lacks doc values or points the partition has
   *     (Lucene refuses the mixed schema before it changes anything)
   */
  long mergeArchivedCopy(Directory copy, long generation, long position) throws IOException {
    return rewrite(position, writer -> {
      PartitionSchema partitionSchema = schema();
      if (partitionSchema.writesAsIs(EventFieldNames.ofLatestCommit(copy))) {
        writer.addIndexes(copy);
      } else {
        try (DirectoryReader reader = DirectoryReader.open(copy)) {
          writer.addIndexes(SchemaAlignedReader.of(reader, partitionSchema));
        }
      }
      archivedCopy = generation;
    });
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
    return new PartitionInfo(day, searcher.docCount(), PartitionFiles.sizeBytes(path), committedPosition, writer != null,
        tier, compactionPending);
  }

  /**
   * Drops the partition (design.md, "Dropping a partition"): discards what its writer holds beyond
   * the last commit, closes writer and reader, renames its directory to a tombstone ({@link
   * PartitionFiles#entomb}: a crash leaves the partition or a tombstone, which the next open deletes)
   * and deletes the tombstone once no query holds the partition. Caller holds the
   * commit-round lock and the write side of the apply lock, and takes the partition out of {@link
   * Partitions} next. When the rename fails the partition stays as it was, with writer and reader
   * closed (they reopen on demand).
   *
   * @return whether the files are deleted already; otherwise the last query holding the partition
   *     deletes them as it releases it
   */
  boolean drop(PartitionFiles files) throws IOException {
    synchronized (lock) {
      closeDiscarding();
      Path tombstone = files.entomb(day.toString());
      dropped = true;
      context.fieldNames().forget(this);
      return searcher.drop(() -> PartitionFiles.delete(tombstone, directory, day));
    }
  }

  /** Queries holding the partition now (acquired searchers not yet released). */
  int holders() {
    return searcher.holders();
  }

  /** Closes reader and writer, dropping what the writer holds beyond its last commit. Caller holds the lock. */
  private void closeDiscarding() throws IOException {
    IndexWriter current = writer;
    writer = null;
    fields = null;
    schema = null;
    context.writers().closed(this);
    try {
      searcher.closeAll();
    } finally {
      if (current != null) {
        current.rollback(); // no effect on a writer a tragic error already closed
      }
    }
  }

  /** Closes searchers and writer; uncommitted changes are dropped (commitOnClose is off). */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      context.writers().closed(this);
      try {
        searcher.closeAll();
      } finally {
        IOUtils.close(writer, directory);
      }
    }
  }

  /** Drops uncommitted changes as a crash would, then closes. Tests only. */
  void rollbackAndClose() throws IOException {
    synchronized (lock) {
      try {
        closeDiscarding();
      } finally {
        IOUtils.close(directory);
      }
    }
  }

  @Override
  public String toString() {
    return "partition " + day;
  }
}
