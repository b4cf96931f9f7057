package dev.corral.store;

import dev.corral.store.index.FieldMapping;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import dev.corral.store.codec.WarmCodec;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of one UTC day, in {@code directory/YYYY-MM-DD/}: its directory, its writer
 * (opened on the first event written after startup) and a searcher manager for near-real-time
 * search. Each Lucene commit carries {@value #POSITION_KEY}, the WAL position the commit contains
 * everything below ({@link #committedPosition()} is that of the last commit), and {@value #TIER_KEY},
 * the partition's {@link Tier}, which decides how its writer writes segments.
 *
 * <p>Thread-safety: {@link #writer()}, {@link #acquire()} and {@link #refresh} may be called from
 * any thread. The commit methods are called only by the commit round, under the store's write
 * lock as described in design.md. Searchers are reference-counted: a searcher acquired before the
 * manager is swapped (when the writer opens) or closed stays usable until released.
 */
final class DailyPartition implements Closeable {
  /** Key of the WAL position in a Lucene commit's user data. */
  static final String POSITION_KEY = "corral.wal.position";
  /** Key of the partition's tier in a Lucene commit's user data. */
  static final String TIER_KEY = "corral.tier";
  /**
   * Key present (value {@value #COMPACTION_PENDING}) in every commit from the start of a
   * compaction to its end: a partition opened with it was interrupted mid-compaction.
   */
  static final String COMPACTION_KEY = "corral.compaction";
  static final String COMPACTION_PENDING = "pending";

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;
  private static final int HOT_SEGMENTS_PER_TIER = 30;

  private final LocalDate day;
  private final Path path;
  private final Directory directory;
  private final int ramBufferMb;
  private final Object lock = new Object();
  private volatile SearcherManager searchers;
  private volatile IndexWriter writer;
  private volatile long committedPosition;
  private volatile Tier tier = Tier.HOT;
  private volatile boolean compactionPending;

  private DailyPartition(LocalDate day, Path path, Directory directory, int ramBufferMb) {
    this.day = day;
    this.path = path;
    this.directory = directory;
    this.ramBufferMb = ramBufferMb;
  }

  /**
   * Opens the partition of {@code day} under {@code root}, creating its directory if needed. An
   * existing index is opened for search (no writer yet) and its committed position read.
   */
  static DailyPartition open(Path root, LocalDate day, int ramBufferMb) throws IOException {
    Path path = root.resolve(day.toString());
    Files.createDirectories(path);
    Directory directory = FSDirectory.open(path);
    DailyPartition partition = new DailyPartition(day, path, directory, ramBufferMb);
    try {
      if (DirectoryReader.indexExists(directory)) {
        DirectoryReader reader = DirectoryReader.open(directory);
        Map<String, String> userData = reader.getIndexCommit().getUserData();
        partition.committedPosition = position(userData);
        partition.tier = Tier.ofLabel(userData.get(TIER_KEY));
        partition.compactionPending = COMPACTION_PENDING.equals(userData.get(COMPACTION_KEY));
        partition.searchers = new SearcherManager(reader, null);
      }
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(directory);
      throw e;
    }
    return partition;
  }

  LocalDate day() {
    return day;
  }

  /** The UTC day holding the instant {@code epochNanos}. */
  static LocalDate dayOf(long epochNanos) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochNanos, NANOS_PER_DAY));
  }

  /** First epoch nanosecond of the day (saturated at the ends of the long range). */
  long firstNanos() {
    return saturatedMultiply(day.toEpochDay(), NANOS_PER_DAY);
  }

  /** Last epoch nanosecond of the day (saturated at the ends of the long range). */
  long lastNanos() {
    long next = saturatedMultiply(day.toEpochDay() + 1, NANOS_PER_DAY);
    return next == Long.MAX_VALUE ? next : next - 1;
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

  /** The writer, opened on first use with the settings of the partition's tier. */
  IndexWriter writer() throws IOException {
    IndexWriter current = writer;
    if (current != null) {
      return current;
    }
    synchronized (lock) {
      if (writer == null) {
        IndexWriter opened = new IndexWriter(directory, writerConfig());
        try {
          committedPosition = position(opened.getLiveCommitData());
          SearcherManager old = searchers;
          searchers = new SearcherManager(opened, false, false, null);
          writer = opened;
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

  /**
   * Hot: fast stored-fields compression and no index sort, because sorting makes every flush and
   * merge rewrite the stored sources (it halved indexing throughput; queries sort by timestamp
   * themselves, using its points to skip). Warm: the {@link WarmCodec} (best compression, sources
   * in zstd), and forced merges rewrite every segment not yet in it.
   */
  private IndexWriterConfig writerConfig() {
    IndexWriterConfig config = new IndexWriterConfig(FieldMapping.analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(ramBufferMb);
    config.setCodec(tier == Tier.WARM ? new WarmCodec() : new Lucene104Codec(Lucene104Codec.Mode.BEST_SPEED));
    config.setMergePolicy(tier == Tier.WARM ? new RewriteToWarmMergePolicy() : hotMergePolicy());
    if (tier == Tier.WARM) {
      config.setMergeScheduler(new CompactionMergeScheduler());
    }
    config.setCommitOnClose(false); // commits happen only in commit rounds, see design.md
    return config;
  }

  /**
   * Hot merges: Lucene's tiered policy allowing {@value #HOT_SEGMENTS_PER_TIER} segments per tier
   * instead of 10. Near-real-time refreshes flush a small segment twice a second; with 10 per tier
   * each event was rewritten by merges about once more than with 30 (measured: ~25 % more indexing
   * CPU). The extra segments live only until the day is compacted to warm (one segment).
   */
  static TieredMergePolicy hotMergePolicy() {
    TieredMergePolicy policy = new TieredMergePolicy();
    policy.setSegmentsPerTier(HOT_SEGMENTS_PER_TIER);
    return policy;
  }

  /** A searcher to release with {@link AcquiredSearcher#close()}, or null when the day has no index yet. */
  AcquiredSearcher acquire() throws IOException {
    synchronized (lock) {
      SearcherManager manager = searchers;
      if (manager == null) {
        return null;
      }
      return new AcquiredSearcher(this, manager, manager.acquire());
    }
  }

  /** Makes recently added events visible to new searchers; blocks for an ongoing refresh if asked. */
  void refresh(boolean blocking) throws IOException {
    if (writer == null) {
      return; // no writes since startup: the searcher already shows the last commit
    }
    SearcherManager manager = searchers;
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
    return compactionPending
        ? Map.of(POSITION_KEY, Long.toString(position), TIER_KEY, tier.label(), COMPACTION_KEY, COMPACTION_PENDING)
        : Map.of(POSITION_KEY, Long.toString(position), TIER_KEY, tier.label());
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
        SearcherManager old = searchers;
        searchers = new SearcherManager(DirectoryReader.open(directory), null);
        IndexWriter closing = writer;
        writer = null;
        IOUtils.close(old, closing); // searchers acquired from old stay valid until released
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
   * ({@link CompactionMergeScheduler}); committed by the next commit round or step 3.
   */
  void forceMergeToOneSegment(long maxBytesPerSec) throws IOException {
    IndexWriter current = writer();
    if (!(current.getConfig().getMergeScheduler() instanceof CompactionMergeScheduler scheduler)) {
      throw new IllegalStateException("BUG: " + this + " is " + tier + ", its writer has no compaction merge scheduler");
    }
    scheduler.limitForcedMerges(maxBytesPerSec);
    current.forceMerge(1);
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

  PartitionInfo info() throws IOException {
    long docs = 0;
    AcquiredSearcher acquired = acquire();
    if (acquired != null) {
      try (acquired) {
        docs = acquired.searcher().getIndexReader().numDocs();
      }
    }
    return new PartitionInfo(day, docs, sizeBytes(), committedPosition, writer != null, tier, compactionPending);
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
      IOUtils.close(searchers, directory);
    }
  }

  private static long position(Map<String, String> userData) {
    String value = userData.get(POSITION_KEY);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static long position(Iterable<Map.Entry<String, String>> commitData) {
    if (commitData != null) {
      for (Map.Entry<String, String> entry : commitData) {
        if (entry.getKey().equals(POSITION_KEY)) {
          return Long.parseLong(entry.getValue());
        }
      }
    }
    return 0;
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
      return low;
    }
    return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "partition " + day;
  }

  /** A searcher of a partition, released exactly once by {@link #close()}. */
  static final class AcquiredSearcher implements Closeable {
    private final DailyPartition partition;
    private final SearcherManager manager;
    private final IndexSearcher searcher;
    private boolean released;

    private AcquiredSearcher(DailyPartition partition, SearcherManager manager, IndexSearcher searcher) {
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
}
