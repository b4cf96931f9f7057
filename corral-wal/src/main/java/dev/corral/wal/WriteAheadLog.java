package dev.corral.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segmented write-ahead log: Corral's acknowledgement point. An append returns only once its
 * record is fsynced, so an acknowledged record survives kill -9 and power loss.
 *
 * <p>Records are addressed by position, a global logical byte offset: the first record ever
 * written is at 0 and each next one starts at the previous {@code nextPosition} (position plus
 * an 8-byte header plus the payload). Positions keep growing across segments, restarts and
 * deletions.
 *
 * <p>Concurrency: every method is thread-safe. One platform thread, {@code corral-wal-writer},
 * does all writing; concurrent appends queue up and share one write and one fsync (group
 * commit). {@link #replay} reads through its own file handles and sees records up to the end
 * at the time of the call. Once an unrecoverable I/O error has stopped the log
 * ({@link #failure()}), appends fail but replay keeps working.
 *
 * <p>Consumers (design.md, "Consumers and retention"): every reader of the log has a name. Live and
 * essential consumers are given at open ({@link PushedConsumers}) and pushed each record after its
 * fsync; followers ({@link #follow}) read on their own thread from a cursor persisted in the WAL
 * directory. The WAL owns deletion: a segment goes once every durable consumer (essential or
 * follower) has passed it, or when the {@link WalRetention} bound says so, never before an essential
 * consumer has passed it. {@link #consumers()} reports each one's lag.
 *
 * @param <T> the context an appender passes along to the {@link DurableSink}
 */
public final class WriteAheadLog<T> implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final String WRITER_THREAD_NAME = "corral-wal-writer";
  /** Deletion latency does not matter at the scale of a segment; a pass is a walk over a short list. */
  static final Duration RETENTION_INTERVAL = Duration.ofSeconds(1);

  private final WalConfig config;
  private final SegmentList segments;
  private final GroupCommitter<T> committer;
  private final Thread writer;
  private final Object deletionLock = new Object();
  private final PushedConsumers<T> pushed;
  /** Every follower with a cursor file, attached now or not; they all hold segments back. */
  private final Map<String, FollowerCursor> followers = new ConcurrentHashMap<>();
  private final List<WalFollower> running = new CopyOnWriteArrayList<>();
  private final SegmentRetention retention;
  private final RecordCounter recordCounter = new RecordCounter();
  private final ScheduledExecutorService retentionTimer;
  private volatile boolean closed;

  private WriteAheadLog(WalConfig config, SegmentList segments, GroupCommitter<T> committer,
      PushedConsumers<T> pushed) {
    this.config = config;
    this.segments = segments;
    this.committer = committer;
    this.pushed = pushed;
    this.writer = Thread.ofPlatform().name(WRITER_THREAD_NAME).daemon(true).unstarted(committer);
    this.retention = new SegmentRetention(config.directory(), segments, config.retention(), Clock.systemUTC());
    this.retentionTimer = Executors.newSingleThreadScheduledExecutor(
        task -> Thread.ofPlatform().name("corral-wal-retention").daemon(true).unstarted(task));
  }

  /**
   * Opens (creating the directory if needed) and recovers: validates the last segment record by
   * record and truncates a torn/corrupt tail (logging what was cut: segment, offset, bytes).
   * Non-last segments are checked for structure (header, each ending where the next begins);
   * damage there throws {@link WalCorruptException} naming file and offset. Their checksums are
   * verified when {@link #replay} reads them.
   *
   * @param sink told about each record once it is durable
   */
  public static <T> WriteAheadLog<T> open(WalConfig config, DurableSink<T> sink)
      throws IOException {
    return open(config, PushedConsumers.<T>none().withLive("sink", sink), ChannelOpener.DEFAULT, RETENTION_INTERVAL);
  }

  /**
   * Opens and recovers as {@link #open(WalConfig, DurableSink)} does, pushing each durable record to
   * {@code consumers} in the order they were added, and loads the cursor of every follower that has
   * a file in the directory (a follower not attached this run still holds segments back). A cursor
   * file that cannot be read or points past the end is moved aside ({@code .cursor.corrupt}), logged
   * at ERROR, and the follower starts over: from the oldest retained record when the file is
   * unreadable (at least once: nothing is skipped), from the end when it pointed past it.
   */
  public static <T> WriteAheadLog<T> open(WalConfig config, PushedConsumers<T> consumers)
      throws IOException {
    return open(config, consumers, ChannelOpener.DEFAULT, RETENTION_INTERVAL);
  }

  /**
   * {@link #open(WalConfig, PushedConsumers)} whose retention passes run every {@code retentionInterval},
   * or only through {@link #enforceRetention()} when it is zero; a test seam, so that a test's own pass
   * is not raced by the timer's.
   */
  static <T> WriteAheadLog<T> open(WalConfig config, PushedConsumers<T> consumers, Duration retentionInterval)
      throws IOException {
    return open(config, consumers, ChannelOpener.DEFAULT, retentionInterval);
  }

  /** {@link #open(WalConfig, DurableSink)} writing through {@code opener}; a test seam. */
  static <T> WriteAheadLog<T> open(WalConfig config, DurableSink<T> sink, ChannelOpener opener)
      throws IOException {
    return open(config, PushedConsumers.<T>none().withLive("sink", sink), opener, RETENTION_INTERVAL);
  }

  private static <T> WriteAheadLog<T> open(WalConfig config, PushedConsumers<T> consumers,
      ChannelOpener opener, Duration retentionInterval) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(consumers, "consumers");
    RecoveredLog recovered = LogRecovery.recover(config.directory(), opener);
    SegmentList segments = new SegmentList(recovered.segments());
    ActiveSegment active = ActiveSegment.open(segments.last(), recovered.endPosition(), opener);
    GroupCommitter<T> committer = new GroupCommitter<>(
        config, consumers, opener, segments, active, recovered.endPosition());
    WriteAheadLog<T> wal = new WriteAheadLog<>(config, segments, committer, consumers);
    try {
      wal.loadFollowerCursors();
    } catch (IOException | RuntimeException e) {
      active.close();
      throw e;
    }
    wal.writer.start();
    if (!retentionInterval.isZero()) {
      long interval = retentionInterval.toMillis();
      wal.retentionTimer.scheduleWithFixedDelay(
          wal::enforceRetentionQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }
    log.atInfo().addKeyValue("directory", config.directory())
        .addKeyValue("segments", recovered.segments().size())
        .addKeyValue("startPosition", segments.first().basePosition())
        .addKeyValue("endPosition", recovered.endPosition())
        .addKeyValue("followers", wal.followers.size()).log("opened WAL");
    return wal;
  }

  private void loadFollowerCursors() throws IOException {
    for (CursorFile file : CursorFile.list(config.directory())) {
      if (pushed.contains(file.consumer())) {
        throw new IllegalArgumentException("WAL consumer '" + file.consumer()
            + "' is given as pushed but has a follower cursor file " + file.path());
      }
      followers.put(file.consumer(), new FollowerCursor(file, CursorRecovery.load(file, startPosition(), endPosition())));
    }
  }

  /**
   * Appends one record, blocks until it is fsync'd (group commit: concurrent callers share one
   * write+fsync), returns the record's position. Thread-safe; callers are typically virtual
   * threads. The payload is not copied; it must not change until this returns. Waiting is not
   * interruptible: once queued, the outcome is always reported.
   *
   * @throws WalException when the record is over maxRecordBytes (message names size and
   *     limit), when the disk is full ({@link WalException#isDiskFull()}; the WAL truncates
   *     what it partially wrote and stays usable), on another I/O error (same), when the WAL
   *     is closed, or when the WAL has failed for good ({@link #failure()})
   * @throws IndexOutOfBoundsException when offset and length do not lie inside payload
   */
  public long append(byte[] payload, int offset, int length, T context) throws WalException {
    Objects.checkFromIndexSize(offset, length, payload.length);
    if (length > config.maxRecordBytes()) {
      throw new WalException("record of " + length + " bytes exceeds the maximum record size ("
          + config.maxRecordBytes() + " bytes, maxRecordBytes)");
    }
    PendingAppend<T> append =
        new PendingAppend<>(payload, offset, length, context, new CompletableFuture<>());
    committer.submit(append);
    try {
      return append.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WalException failed) {
        // a fresh exception so the stack trace shows this caller, not the writer thread
        throw new WalException(failed.getMessage(), failed, failed.isDiskFull());
      }
      throw new IllegalStateException("BUG: append failed with an unexpected error", e);
    }
  }

  /** Appends all of {@code payload}; see {@link #append(byte[], int, int, Object)}. */
  public long append(byte[] payload, T context) throws WalException {
    return append(payload, 0, payload.length, context);
  }

  /**
   * Visits every record with position >= from, in order, up to the end at the time of the call.
   * from below startPosition() starts at the first record. Records are checksummed as they are
   * read.
   *
   * @throws WalCorruptException naming file and offset when a record read is damaged
   * @throws IOException what the visitor throws, or a read error
   */
  public void replay(long from, RecordVisitor visitor) throws IOException {
    long end = committer.endPosition();
    List<SegmentFile> snapshot = segments.snapshot();
    for (int i = 0; i < snapshot.size(); i++) {
      SegmentFile segment = snapshot.get(i);
      long segmentEnd = i + 1 < snapshot.size()
          ? Math.min(end, snapshot.get(i + 1).basePosition()) : end;
      if (segmentEnd <= from || segmentEnd <= segment.basePosition()) {
        continue;
      }
      replaySegment(segment, segmentEnd, from, visitor);
    }
  }

  private void replaySegment(SegmentFile segment, long end, long from, RecordVisitor visitor)
      throws IOException {
    SegmentReader reader;
    try {
      reader = SegmentReader.open(segment, segment.fileOffset(end));
    } catch (NoSuchFileException e) {
      if (segments.contains(segment)) {
        throw e;
      }
      return; // deleted by deleteBefore since the snapshot: the caller no longer needs it
    }
    try (reader) {
      while (reader.next()) {
        if (reader.position() >= from) {
          visitor.visit(reader.position(), reader.nextPosition(), reader.payload());
        }
      }
    }
  }

  /**
   * Visits the records in {@code [from, end)}, in order, seeking straight to {@code from} (no scan of
   * the segment before it), which must be a record boundary, as must {@code end} (at most
   * {@link #endPosition()}). Stops early, without error, when a segment it needs was deleted
   * meanwhile (the caller compares the last record visited with {@link #startPosition()} to find the
   * gap). Thread-safe, like {@link #replay}.
   *
   * @throws WalCorruptException naming file and offset when no intact record starts at {@code from}
   *     (it is not a boundary) or a record read is damaged
   * @throws IOException what the visitor throws (to stop early), or a read error
   */
  public void readRecords(long from, long end, RecordVisitor visitor) throws IOException {
    List<SegmentFile> snapshot = segments.snapshot();
    for (int i = 0; i < snapshot.size(); i++) {
      SegmentFile segment = snapshot.get(i);
      long segmentEnd = i + 1 < snapshot.size()
          ? Math.min(end, snapshot.get(i + 1).basePosition()) : end;
      long start = Math.max(from, segment.basePosition());
      if (segmentEnd <= start) {
        continue;
      }
      SegmentReader reader;
      try {
        reader = SegmentReader.openAt(segment, segment.fileOffset(start), segment.fileOffset(segmentEnd));
      } catch (NoSuchFileException e) {
        if (segments.contains(segment)) {
          throw e;
        }
        return;
      }
      try (reader) {
        while (reader.next()) {
          visitor.visit(reader.position(), reader.nextPosition(), reader.payload());
        }
      }
    }
  }

  /**
   * Attaches the follower {@code name} and starts its thread: it reads from its persisted cursor
   * (or, with no cursor file yet, from {@code options.whenNew()}, persisted at once so it holds
   * segments back from now on), hands each record to {@code consumer} and follows the live end.
   * A cursor that is not at a record boundary (a damaged file) is logged at ERROR and the follower
   * starts over at the beginning of the segment holding it (at least once).
   *
   * @throws IllegalArgumentException when the name is not plain ({@code [a-z0-9][a-z0-9_-]*}) or is
   *     a pushed consumer's
   * @throws IllegalStateException when a follower of that name is attached already, or the log is
   *     closed
   */
  public WalFollower follow(String name, FollowOptions options, RecordConsumer consumer) throws IOException {
    PushedConsumers.checkName(name);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(consumer, "consumer");
    if (pushed.contains(name)) {
      throw new IllegalArgumentException("WAL consumer '" + name + "' is a pushed consumer; a follower needs its own name");
    }
    synchronized (deletionLock) {
      if (closed) {
        throw new IllegalStateException("WAL is closed");
      }
      FollowerCursor cursor = followers.get(name);
      if (cursor == null) {
        CursorFile file = new CursorFile(config.directory(), name);
        long start = options.whenNew() == StartPoint.OLDEST ? startPosition() : endPosition();
        cursor = new FollowerCursor(file, start);
        cursor.persist(start);
        followers.put(name, cursor);
      }
      if (!cursor.attach()) {
        throw new IllegalStateException("WAL follower '" + name + "' is attached already");
      }
      long from = CursorRecovery.atRecordBoundary(cursor, segments.snapshot(), endPosition(), config.maxRecordBytes());
      WalFollower follower = new WalFollower(this, cursor, from, consumer, options);
      running.add(follower);
      follower.start();
      return follower;
    }
  }

  /**
   * Forgets the follower {@code name} for good: deletes its cursor file, so it no longer holds any
   * segment back. A follower registered again under that name starts as a new one.
   *
   * @return whether there was such a follower
   * @throws IllegalStateException when it is attached
   */
  public boolean removeFollower(String name) throws IOException {
    synchronized (deletionLock) {
      FollowerCursor cursor = followers.get(name);
      if (cursor == null) {
        return false;
      }
      if (cursor.attached()) {
        throw new IllegalStateException("WAL follower '" + name + "' is attached; close it first");
      }
      cursor.file().delete();
      followers.remove(name);
      return true;
    }
  }

  /**
   * Where every named consumer stands: pushed ones (in the order given at open), then followers by
   * name. Counting records behind reads record headers between the cursor and the end, only those
   * not counted by an earlier call.
   */
  public List<ConsumerLag> consumers() throws IOException {
    long end = endPosition();
    List<SegmentFile> snapshot = segments.snapshot();
    List<ConsumerLag> lags = new ArrayList<>();
    for (PushedConsumers.Pushed<T> consumer : pushed.all()) {
      if (consumer.cursor() == null) {
        lags.add(new ConsumerLag(consumer.name(), ConsumerKind.LIVE, end, 0, 0, true, 0, 0));
      } else {
        long cursor = consumer.cursor().getAsLong();
        lags.add(new ConsumerLag(consumer.name(), ConsumerKind.ESSENTIAL, cursor, Math.max(0, end - cursor),
            recordCounter.between(snapshot, cursor, end), true, 0, 0));
      }
    }
    for (FollowerCursor follower : followers.values().stream()
        .sorted(java.util.Comparator.comparing(FollowerCursor::name)).toList()) {
      long cursor = follower.attached() ? follower.processed() : follower.persisted();
      lags.add(new ConsumerLag(follower.name(), ConsumerKind.FOLLOWER, cursor, Math.max(0, end - cursor),
          recordCounter.between(snapshot, cursor, end), follower.attached(), follower.missedBytes(),
          follower.gaps()));
    }
    return lags;
  }

  /**
   * Runs one retention pass now (it also runs every second): deletes the
   * sealed segments every durable consumer has passed, then those over the {@link WalRetention}
   * bound that no essential consumer needs. Returns the number deleted.
   */
  public int enforceRetention() throws IOException {
    synchronized (deletionLock) {
      if (closed) {
        return 0;
      }
      return retention.enforce(endPosition(), floors());
    }
  }

  private void enforceRetentionQuietly() {
    try {
      enforceRetention();
    } catch (IOException | RuntimeException e) {
      log.atWarn().setCause(e).log("WAL retention pass failed; it runs again shortly");
    }
  }

  private SegmentRetention.Floors floors() {
    List<FollowerCursor> cursors = List.copyOf(followers.values());
    long essential = Long.MAX_VALUE;
    boolean any = false;
    for (PushedConsumers.Pushed<T> consumer : pushed.all()) {
      if (consumer.cursor() != null) {
        essential = Math.min(essential, consumer.cursor().getAsLong());
        any = true;
      }
    }
    long all = essential;
    for (FollowerCursor cursor : cursors) {
      all = Math.min(all, cursor.persisted());
      any = true;
    }
    return any ? new SegmentRetention.Floors(all, essential, cursors) : SegmentRetention.Floors.none(cursors);
  }

  /** For followers: waits until the end is past {@code position}, at most {@code millis}. */
  void awaitEndAfter(long position, long millis) throws InterruptedException {
    committer.awaitEndAfter(position, millis);
  }

  /** A follower closed: it no longer needs closing with the log. */
  void followerClosed(WalFollower follower) {
    running.remove(follower);
  }

  /** Wakes followers waiting for records (one is stopping). */
  void wakeFollowers() {
    committer.wakeAllEndWaiters();
  }

  /**
   * Deletes whole segments all of whose records end at or before position; never the active
   * segment. Ignores consumers: {@link #enforceRetention()} is how the server trims; this is for
   * tools and tests. Oldest first, each deletion made durable before the next, so a crash never leaves
   * a gap. Returns the number deleted.
   */
  public int deleteBefore(long position) throws IOException {
    synchronized (deletionLock) {
      int deleted = 0;
      Optional<SegmentFile> oldest;
      while ((oldest = segments.removeOldestEndingBy(position)).isPresent()) {
        Files.deleteIfExists(oldest.get().path());
        DirectorySync.force(config.directory());
        deleted++;
        log.atInfo().addKeyValue("segment", oldest.get().path())
            .addKeyValue("before", position).log("deleted WAL segment");
      }
      return deleted;
    }
  }

  /** Position of the first retained record (or of the end, when none is retained). */
  public long startPosition() {
    return segments.first().basePosition();
  }

  /** Position after the last durable record: where the next append will go. */
  public long endPosition() {
    return committer.endPosition();
  }

  /** Set once the WAL stopped taking writes after an unrecoverable I/O error. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(committer.failure());
  }

  /** A snapshot of the counters; see {@link WalStats}. */
  public WalStats stats() {
    List<SegmentFile> snapshot = segments.snapshot();
    long bytes = SegmentRetention.bytes(snapshot, committer.endPosition());
    return new WalStats(snapshot.size(), bytes, committer.appends(), committer.groupCommits(),
        committer.appendedBytes());
  }

  /** The configuration the log was opened with. */
  public WalConfig config() {
    return config;
  }

  /** Appends waiting for the writer; for tests that need a group to form. */
  int queuedAppends() {
    return committer.queued();
  }

  /**
   * Completes pending appends, stops the writer thread and releases the files. Appends after
   * (or racing with) close fail with a {@link WalException}. Idempotent.
   */
  @Override
  public void close() throws IOException {
    synchronized (deletionLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    retentionTimer.shutdown(); // a running pass has ended: it holds the deletion lock close took
    for (WalFollower follower : running) {
      follower.close();
    }
    committer.close();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the WAL writer finished pending appends");
    }
    log.atInfo().addKeyValue("directory", config.directory())
        .addKeyValue("endPosition", committer.endPosition()).log("closed WAL");
  }
}
