package dev.corral.store;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the store does not take writes, if it does not (design.md, "Failures"): the error that
 * stopped it, or, while {@link StoreRecovery} replays the write-ahead log, that it is recovering.
 * The first error wins; it is logged at ERROR once with its stack trace.
 *
 * <p>It is the store's one failure state: the indexers drop queued records while it is set ({@link
 * IndexingQueue}), commit rounds and compaction steps check it under the write lock ({@link
 * CommitRound}), {@link LogStore#submit} refuses, and a recovery clears it. A writer's tragic error
 * is Lucene's own record of why, read to report it, never a second state.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class StoreFailure {
  /** Logs under the store's name: operators follow one logger for the store's failures. */
  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  private final Path directory;
  private final AtomicReference<StoreException> stopped = new AtomicReference<>();
  /** Set while a recovery replays: ingest still waits. */
  private volatile StoreException recovering;

  /** @param directory the store's directory, for the log line */
  StoreFailure(Path directory) {
    this.directory = directory;
  }

  /** Stops the store taking writes because of {@code cause}, unless it stopped already. */
  void fail(Throwable cause) {
    StoreException error = new StoreException("store stopped taking writes: " + reason(cause), cause);
    if (stopped.compareAndSet(null, error)) {
      if (recovering == null) {
        log.atError().setCause(cause).addKeyValue("directory", directory)
            .log("store stopped taking writes; queries keep working");
      } // else a retry failed: the recovery says so in one line; the first failure had the stack trace
    }
  }

  /** {@link #fail} and returns the error now stopping the store, to throw. */
  StoreException failWith(Throwable cause) {
    fail(cause);
    return stopped.get();
  }

  /** The error that stopped the store, or null when it takes writes (or is recovering). */
  StoreException stopped() {
    return stopped.get();
  }

  /** Whether the store stopped taking writes (not counting a recovery in progress). */
  boolean isStopped() {
    return stopped.get() != null;
  }

  /** Throws the error that stopped the store, if any. */
  void throwIfStopped() throws StoreException {
    StoreException failed = stopped.get();
    if (failed != null) {
      throw failed;
    }
  }

  /** What {@link LogStore#failure()} reports: the stopping error, else the recovery in progress. */
  Optional<StoreException> current() {
    StoreException failed = stopped.get();
    return Optional.ofNullable(failed != null ? failed : recovering);
  }

  /**
   * Starts a recovery from {@code failed}: the store reports "recovering" and takes the replay's
   * records again. {@link #endRecovery} must follow.
   */
  void beginRecovery(StoreException failed) {
    recovering = new StoreException("store recovering: replaying the write-ahead log after: " + failed.getMessage());
    stopped.set(null);
  }

  /** Ends what {@link #beginRecovery} started, whether or not the store takes writes again. */
  void endRecovery() {
    recovering = null;
  }

  /** The cause in words, without the file path an I/O error names (clients see this reason). */
  static String reason(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof FileSystemException fs && fs.getReason() != null) {
        return fs.getReason();
      }
    }
    return cause.toString();
  }
}
