package dev.corral.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the single writer thread. Takes everything pending from the queue (up to
 * {@code maxGroupBytes}), encodes it into one buffer, writes it with one call per buffer-full,
 * fsyncs once, then in order tells the sink and wakes each caller. A group that crosses a
 * segment boundary is committed as one run per segment, the old segment fsynced before the new
 * one is created.
 *
 * <p>On an I/O error the segment is cut back to its durable size and the group's callers fail;
 * the log stays usable. If the cut itself fails, the log {@linkplain #stop stops} for good.
 *
 * <p>{@link #submit}, {@link #close} and the getters are thread-safe; everything else runs on
 * the writer thread.
 */
final class GroupCommitter<T> implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  private final WalConfig config;
  private final DurableSink<T> sink;
  private final ChannelOpener opener;
  private final SegmentList segments;
  private final LinkedBlockingQueue<PendingAppend<T>> queue = new LinkedBlockingQueue<>();
  /** Put in the queue by {@link #close} to wake a writer blocked on an empty queue. */
  private final PendingAppend<T> wakeUp = new PendingAppend<>(new byte[0], 0, 0, null, null);
  private final List<PendingAppend<T>> group = new ArrayList<>();
  private final ByteBuffer buffer;
  private ActiveSegment active;
  private PendingAppend<T> carried;

  private volatile long endPosition;
  private volatile Throwable failure;
  private volatile boolean closed;
  private volatile long appends;
  private volatile long groupCommits;
  private volatile long appendedBytes;
  /** Followers waiting for the end to move ({@link #awaitEndAfter}); the writer notifies only if any. */
  private final Object endMoved = new Object();
  private volatile int endWaiters;

  GroupCommitter(WalConfig config, DurableSink<T> sink, ChannelOpener opener,
      SegmentList segments, ActiveSegment active, long endPosition) {
    this.config = config;
    this.sink = sink;
    this.opener = opener;
    this.segments = segments;
    this.active = active;
    this.endPosition = endPosition;
    this.buffer = ByteBuffer.allocateDirect(config.maxGroupBytes());
  }

  /**
   * Queues {@code append}; its result completes once it is durable or has failed.
   *
   * @throws WalException when the log is closed or stopped
   */
  void submit(PendingAppend<T> append) throws WalException {
    checkAccepting();
    queue.add(append);
    if (closed && queue.remove(append)) {
      throw new WalException("WAL is closed");
    }
  }

  private void checkAccepting() throws WalException {
    if (failure != null) {
      throw stoppedException();
    }
    if (closed) {
      throw new WalException("WAL is closed");
    }
  }

  @Override
  public void run() {
    while (true) {
      if (carried == null && closed && queue.isEmpty()) {
        break;
      }
      try {
        if (takeGroup()) {
          commit();
        }
      } catch (InterruptedException e) {
        log.atWarn().log("WAL writer interrupted; it only stops when the WAL is closed");
      } catch (Throwable bug) {
        stop(bug);
        failFrom(0, stoppedException());
      }
      group.clear();
    }
    closeActive();
  }

  /** Fills {@link #group}; false when there was nothing but a wake-up. */
  private boolean takeGroup() throws InterruptedException {
    PendingAppend<T> next = carried != null ? carried : queue.take();
    carried = null;
    long bytes = 0;
    while (next != null) {
      if (next != wakeUp) {
        if (!group.isEmpty() && bytes + next.encodedBytes() > config.maxGroupBytes()) {
          carried = next;
          break;
        }
        group.add(next);
        bytes += next.encodedBytes();
      }
      next = queue.poll();
    }
    return !group.isEmpty();
  }

  private void commit() {
    if (failure != null) {
      failFrom(0, stoppedException());
      return;
    }
    int start = 0;
    while (start < group.size()) {
      long runStart = endPosition;
      int end;
      try {
        if (!active.isEmpty()
            && !active.fits(group.get(start).encodedBytes(), config.segmentBytes())) {
          roll();
        }
        end = runEnd(start);
        writeRun(start, end);
      } catch (IOException e) {
        failFrom(start, afterWriteError(e));
        return;
      }
      completeRun(start, end, runStart);
      start = end;
    }
  }

  /** End (exclusive) of the records from {@code start} that go into the active segment. */
  private int runEnd(int start) {
    long bytes = group.get(start).encodedBytes();
    int end = start + 1;
    while (end < group.size()) {
      long more = group.get(end).encodedBytes();
      if (!active.fits(bytes + more, config.segmentBytes())) {
        break;
      }
      bytes += more;
      end++;
    }
    return end;
  }

  private void writeRun(int start, int end) throws IOException {
    long position = endPosition;
    buffer.clear();
    for (int i = start; i < end; i++) {
      PendingAppend<T> append = group.get(i);
      if (buffer.remaining() < RecordFormat.HEADER_BYTES) {
        flush();
      }
      RecordFormat.putHeader(buffer, position, append.payload(), append.offset(), append.length());
      int offset = append.offset();
      int left = append.length();
      while (left > 0) {
        if (!buffer.hasRemaining()) {
          flush();
        }
        int chunk = Math.min(left, buffer.remaining());
        buffer.put(append.payload(), offset, chunk);
        offset += chunk;
        left -= chunk;
      }
      position += append.encodedBytes();
    }
    flush();
    active.commit(active.file().fileOffset(position));
    groupCommits++;
    endPosition = position;
  }

  private void flush() throws IOException {
    buffer.flip();
    active.write(buffer);
    buffer.clear();
  }

  private void completeRun(int start, int end, long position) {
    for (int i = start; i < end; i++) {
      PendingAppend<T> append = group.get(i);
      long next = position + append.encodedBytes();
      try {
        sink.durable(position, next, append.context());
      } catch (RuntimeException e) {
        log.atError().setCause(e).addKeyValue("position", position)
            .log("durable sink failed; the record stays durable and its append succeeds");
      }
      appends++;
      appendedBytes += append.length();
      append.result().complete(position);
      position = next;
    }
    wakeEndWaiters();
  }

  private void wakeEndWaiters() {
    if (endWaiters > 0) {
      synchronized (endMoved) {
        endMoved.notifyAll();
      }
    }
  }

  /**
   * Waits until the end is past {@code position}, the log closes, {@link #wakeEndWaiters} is called
   * or {@code millis} pass. Thread-safe; for followers.
   */
  void awaitEndAfter(long position, long millis) throws InterruptedException {
    synchronized (endMoved) {
      endWaiters++;
      try {
        if (endPosition <= position && !closed && millis > 0) {
          endMoved.wait(millis);
        }
      } finally {
        endWaiters--;
      }
    }
  }

  private void roll() throws IOException {
    SegmentFile next = SegmentFile.at(active.file().path().getParent(), endPosition);
    ActiveSegment created;
    try {
      created = ActiveSegment.create(next, opener);
    } catch (IOException e) {
      if (e.getSuppressed().length > 0) {
        stop(e); // a partial segment file may be left behind: appending on would corrupt
      }
      throw e;
    }
    ActiveSegment sealed = active;
    active = created;
    segments.add(next);
    try {
      sealed.close();
    } catch (IOException e) {
      log.atWarn().setCause(e).addKeyValue("segment", sealed.file().path())
          .log("closing sealed WAL segment failed; its data was already fsynced");
    }
    log.atDebug().addKeyValue("segment", next.path()).log("rolled WAL segment");
  }

  /** Cuts the active segment back to its durable size; returns what the callers get. */
  private WalException afterWriteError(IOException error) {
    boolean diskFull = WalException.causedByFullDisk(error);
    if (failure == null) {
      try {
        active.rollback();
      } catch (IOException | RuntimeException rollbackError) {
        error.addSuppressed(rollbackError);
        stop(error);
      }
    }
    if (failure != null) {
      return stoppedException();
    }
    log.atWarn().addKeyValue("segment", active.file().path())
        .addKeyValue("position", endPosition).addKeyValue("diskFull", diskFull)
        .addKeyValue("error", String.valueOf(error))
        .log("WAL write failed; truncated back to the last durable record");
    return new WalException("WAL write failed at position " + endPosition + " in segment "
        + active.file().path() + " (" + (diskFull ? "disk full" : "I/O error")
        + "); the records were not written: " + error, error, diskFull);
  }

  private void failFrom(int start, WalException error) {
    for (int i = start; i < group.size(); i++) {
      group.get(i).result().completeExceptionally(error);
    }
  }

  /** Stops taking writes for good, loudly. The first cause wins. */
  private void stop(Throwable cause) {
    if (failure != null) {
      return;
    }
    failure = cause;
    log.atError().setCause(cause).addKeyValue("segment", active.file().path())
        .addKeyValue("position", endPosition)
        .log("WAL stopped taking writes after an unrecoverable error; reads keep working, "
            + "restart to recover");
    closeActive();
  }

  private void closeActive() {
    try {
      active.close();
    } catch (IOException e) {
      log.atWarn().setCause(e).addKeyValue("segment", active.file().path())
          .log("closing WAL segment failed");
    }
  }

  WalException stoppedException() {
    Throwable cause = failure;
    return new WalException("WAL stopped taking writes after an unrecoverable I/O error: "
        + cause, cause, WalException.causedByFullDisk(cause));
  }

  /** Asks the writer to finish what is queued and exit; appends from now on fail. */
  void close() {
    closed = true;
    queue.add(wakeUp);
    wakeAllEndWaiters();
  }

  /** Wakes every follower waiting in {@link #awaitEndAfter}, e.g. because one is stopping. */
  void wakeAllEndWaiters() {
    synchronized (endMoved) {
      endMoved.notifyAll();
    }
  }

  long endPosition() {
    return endPosition;
  }

  Throwable failure() {
    return failure;
  }

  int queued() {
    return queue.size();
  }

  long appends() {
    return appends;
  }

  long groupCommits() {
    return groupCommits;
  }

  long appendedBytes() {
    return appendedBytes;
  }
}
