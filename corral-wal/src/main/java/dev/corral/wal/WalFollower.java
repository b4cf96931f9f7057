package dev.corral.wal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable consumer that reads the log on its own platform thread ({@code corral-wal-follower-<name>})
 * from its persisted cursor: it reads the retained segments from the cursor to the end, hands each
 * record to its {@link RecordConsumer}, then waits for the writer to move the end and reads on — one
 * loop, so catching up after a restart and following live appends are the same code. It never slows
 * the writer: it reads fsynced files (from the page cache, in practice), not a queue the writer fills.
 *
 * <p>Its cursor (the position after the last record the consumer returned from, or less when the
 * consumer holds records back: {@link RecordConsumer#processedUpTo}) is persisted every
 * {@link FollowOptions#cursorSyncInterval()} and when it stops; segments before the persisted cursor
 * may be deleted. When the retention bound deleted segments it had not read, it finds the gap when it
 * reads on: it logs it at WARN, counts it ({@link ConsumerLag#gaps()}), tells the consumer
 * ({@link RecordConsumer#missed}) and resumes at the first retained record.
 *
 * <p>Created by {@link WriteAheadLog#follow}. {@link #close} is thread-safe and idempotent; it
 * persists the cursor and waits for the thread to end.
 */
public final class WalFollower implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WalFollower.class);
  /** Waits for new records are cut this short so a stop or a due cursor sync is never late by more. */
  private static final long MAX_WAIT_MILLIS = 200;
  /** A consumer stuck in {@code accept} gets this long to return on close, then is interrupted. */
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final WriteAheadLog<?> wal;
  private final FollowerCursor cursor;
  private final RecordConsumer consumer;
  private final long syncNanos;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;
  private long position;
  private long lastSync = System.nanoTime();

  WalFollower(WriteAheadLog<?> wal, FollowerCursor cursor, long start, RecordConsumer consumer, FollowOptions options) {
    this.wal = wal;
    this.cursor = cursor;
    this.consumer = consumer;
    this.syncNanos = options.cursorSyncInterval().toNanos();
    this.position = start;
    this.thread = Thread.ofPlatform().name("corral-wal-follower-" + cursor.name()).daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** The consumer's name. */
  public String name() {
    return cursor.name();
  }

  /** Where the consumer has processed up to (the persisted cursor may be behind it). */
  public long processedPosition() {
    return cursor.processed();
  }

  /** The cursor persisted in the WAL directory. */
  public long persistedPosition() {
    return cursor.persisted();
  }

  /** Why the follower stopped on its own (the consumer threw, or a read failed), if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      while (!stopping) {
        readOn();
        consumer.passEnded();
        cursor.processedUpTo(consumer.processedUpTo(position));
        syncIfDue(false);
        if (!stopping && position >= wal.endPosition()) {
          wal.awaitEndAfter(position, waitMillis());
        }
      }
    } catch (Throwable e) {
      failure = e;
      log.atError().setCause(e).addKeyValue("consumer", name()).addKeyValue("position", position)
          .log("WAL follower stopped: its consumer or a read failed; the cursor stays before the failed record");
    } finally {
      try {
        syncIfDue(true);
      } catch (IOException e) {
        log.atError().setCause(e).addKeyValue("consumer", name()).addKeyValue("position", position)
            .log("could not persist the WAL follower's cursor; records since the last persist will be delivered again");
      }
    }
  }

  /** Reads from {@link #position} to the end at the time of the call, reporting a gap first. */
  private void readOn() throws IOException {
    long start = wal.startPosition();
    if (position < start) {
      MissedRecords gap = new MissedRecords(name(), position, start);
      cursor.missed(gap);
      log.atWarn().addKeyValue("consumer", name()).addKeyValue("from", gap.from()).addKeyValue("to", gap.to())
          .addKeyValue("bytes", gap.bytes()).log("WAL consumer missed records deleted by the retention bound");
      consumer.missed(gap);
      position = start;
      cursor.processedUpTo(consumer.processedUpTo(position));
    }
    long end = wal.endPosition();
    if (position >= end) {
      return;
    }
    try {
      wal.readRecords(position, end, (recordPosition, next, payload) -> {
        if (stopping) {
          throw new StopReading();
        }
        consumer.accept(recordPosition, next, payload);
        position = next;
        cursor.processedUpTo(consumer.processedUpTo(next));
        syncIfDue(false);
      });
    } catch (StopReading stop) {
      // close() asked; the cursor is persisted on the way out
    }
  }

  private long waitMillis() {
    if (syncNanos == 0 || cursor.persisted() == cursor.processed()) {
      return MAX_WAIT_MILLIS;
    }
    long dueIn = (lastSync + syncNanos - System.nanoTime()) / 1_000_000;
    return Math.max(1, Math.min(MAX_WAIT_MILLIS, dueIn));
  }

  private void syncIfDue(boolean force) throws IOException {
    long processed = cursor.processed();
    if (cursor.persisted() == processed) {
      return;
    }
    if (force || System.nanoTime() - lastSync >= syncNanos) {
      cursor.persist(processed);
      lastSync = System.nanoTime();
    }
  }

  /**
   * Stops reading (a record being processed is finished first), persists the cursor and detaches:
   * the cursor file stays and keeps holding segments back until the consumer is removed
   * ({@link WriteAheadLog#removeFollower}). Idempotent.
   */
  @Override
  public void close() throws IOException {
    stopping = true;
    wal.wakeFollowers();
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        if (!thread.join(java.time.Duration.ofMillis(STOP_WAIT_MILLIS))) {
          thread.interrupt();
          if (!thread.join(java.time.Duration.ofMillis(STOP_WAIT_MILLIS))) {
            log.atError().addKeyValue("consumer", name()).addKeyValue("position", cursor.persisted())
                .log("WAL follower's consumer did not return on close; left behind, its cursor stays where it was persisted");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while WAL follower " + name() + " stopped");
      }
    }
    cursor.detach();
    wal.followerClosed(this);
  }

  /** Thrown from the visitor to end a read early when the follower stops. */
  private static final class StopReading extends IOException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super("follower stopping");
    }
  }
}
