package dev.corral.server.ingest;

import dev.corral.model.RecordOrigin;
import dev.corral.wal.FollowOptions;
import dev.corral.wal.RecordConsumer;
import dev.corral.wal.StartPoint;
import dev.corral.wal.WalFollower;
import dev.corral.wal.WriteAheadLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable WAL follower that reads the {@link RecordOrigin} of every record (its first line only, never the
 * events) and keeps, per stream partition, the offset after the last record the log holds ({@link HeldOffsets},
 * saved to a file beside the data). An input that reads a partitioned log (Kafka) uses it twice:
 * <ul>
 *   <li>to resume: on assignment of a partition it reads on from {@link #heldNextOffset}, so what the log holds
 *       is never read again, even when the offsets committed upstream are behind (kill -9);
 *   <li>to commit upstream only what is durable: its {@link OriginListener} is told each origin once the record
 *       is fsync'd and read back here.
 * </ul>
 * The cursor passes a record only once the offsets file holding its origin is saved (at the end of each read
 * pass), so a crash never leaves an origin neither in the file nor after the cursor. A follower with no cursor yet
 * starts at the log's end: before it existed no record had an origin. Thread-safe.
 */
public final class OriginFollower implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(OriginFollower.class);

  private final HeldOffsets offsets;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final WalFollower follower;

  private OriginFollower(WriteAheadLog<?> wal, String name, HeldOffsets offsets, OriginListener listener)
      throws IOException {
    this.offsets = offsets;
    this.follower = wal.follow(name, FollowOptions.startingAt(StartPoint.END), new Reader(listener));
  }

  /**
   * Loads the offsets from {@code offsetsFile} and starts following the log as the durable consumer {@code name}.
   *
   * @throws IOException when the offsets file cannot be read (naming it and the line) or the follower cannot start
   */
  static OriginFollower start(WriteAheadLog<?> wal, String name, Path offsetsFile, OriginListener listener)
      throws IOException {
    return new OriginFollower(wal, name, HeldOffsets.load(offsetsFile), listener);
  }

  /** The offset after the last record of this partition the log holds, or empty when it holds none. */
  public OptionalLong heldNextOffset(String stream, int partition) {
    return offsets.nextOffset(stream, partition);
  }

  /**
   * Waits until the follower has read the whole log as it was when it started, so {@link #heldNextOffset} covers
   * every record written before; returns whether it has.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Why the follower stopped by itself (the offsets file could not be saved), if it did. */
  public java.util.Optional<Throwable> failure() {
    return follower.failure();
  }

  /** Stops following, persists the cursor and saves the offsets held so far. */
  @Override
  public void close() throws IOException {
    follower.close();
    offsets.save();
  }

  /** The follower's consumer, on its thread. */
  private final class Reader implements RecordConsumer {
    private final OriginListener listener;
    /** The position of the first record whose origin is not saved yet, or -1 when all are. */
    private long firstUnsaved = -1;

    Reader(OriginListener listener) {
      this.listener = listener;
    }

    @Override
    public void accept(long position, long nextPosition, byte[] payload) {
      RecordOrigin origin;
      try {
        origin = RecordOrigin.read(payload).orElse(null);
      } catch (IllegalArgumentException e) {
        log.atError().addKeyValue("position", position).addKeyValue("reason", e.getMessage())
            .log("WAL record has a damaged origin line; its offsets are not counted as held");
        return;
      }
      if (origin == null) {
        return;
      }
      offsets.advance(origin);
      if (firstUnsaved < 0) {
        firstUnsaved = position;
      }
      listener.durable(origin, nextPosition);
    }

    @Override
    public long processedUpTo(long next) {
      return firstUnsaved < 0 ? next : firstUnsaved;
    }

    @Override
    public void passEnded() throws IOException {
      if (firstUnsaved >= 0) {
        offsets.save();
        firstUnsaved = -1;
      }
      caughtUp.countDown();
    }
  }
}
