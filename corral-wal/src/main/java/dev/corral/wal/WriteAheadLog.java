package dev.corral.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * @param <T> the context an appender passes along to the {@link DurableSink}
 */
public final class WriteAheadLog<T> implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final String WRITER_THREAD_NAME = "corral-wal-writer";

  private final WalConfig config;
  private final SegmentList segments;
  private final GroupCommitter<T> committer;
  private final Thread writer;
  private final Object deletionLock = new Object();
  private volatile boolean closed;

  private WriteAheadLog(WalConfig config, SegmentList segments, GroupCommitter<T> committer) {
    this.config = config;
    this.segments = segments;
    this.committer = committer;
    this.writer = Thread.ofPlatform().name(WRITER_THREAD_NAME).daemon(true).unstarted(committer);
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
    return open(config, sink, ChannelOpener.DEFAULT);
  }

  /** {@link #open(WalConfig, DurableSink)} writing through {@code opener}; a test seam. */
  static <T> WriteAheadLog<T> open(WalConfig config, DurableSink<T> sink, ChannelOpener opener)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(sink, "sink");
    RecoveredLog recovered = LogRecovery.recover(config.directory(), opener);
    SegmentList segments = new SegmentList(recovered.segments());
    ActiveSegment active = ActiveSegment.open(segments.last(), recovered.endPosition(), opener);
    GroupCommitter<T> committer = new GroupCommitter<>(
        config, sink, opener, segments, active, recovered.endPosition());
    WriteAheadLog<T> wal = new WriteAheadLog<>(config, segments, committer);
    wal.writer.start();
    log.atInfo().addKeyValue("directory", config.directory())
        .addKeyValue("segments", recovered.segments().size())
        .addKeyValue("startPosition", segments.first().basePosition())
        .addKeyValue("endPosition", recovered.endPosition()).log("opened WAL");
    return wal;
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
   * Deletes whole segments all of whose records end at or before position; never the active
   * segment. Oldest first, each deletion made durable before the next, so a crash never leaves
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
    long end = committer.endPosition();
    List<SegmentFile> snapshot = segments.snapshot();
    long bytes = 0;
    for (int i = 0; i < snapshot.size(); i++) {
      long segmentEnd = i + 1 < snapshot.size() ? snapshot.get(i + 1).basePosition() : end;
      bytes += snapshot.get(i).fileOffset(Math.max(segmentEnd, snapshot.get(i).basePosition()));
    }
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
