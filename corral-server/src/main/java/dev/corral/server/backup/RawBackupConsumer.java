package dev.corral.server.backup;

import dev.corral.wal.MissedRecords;
import dev.corral.wal.RecordConsumer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw backup's WAL consumer, run on the follower's thread: it gathers records into a
 * {@link RawObject}, cuts it at {@code objectBytes} of NDJSON or once its first record has waited
 * {@code objectAge} (whichever comes first), uploads it compressed, checks its size with a HEAD,
 * and only then lets the cursor pass it ({@link #processedUpTo}): kill -9 never loses a record.
 *
 * <p>Never blocks ingest: it reads fsynced files behind the writer. When the store fails it retries
 * the same object with backoff (doubling up to {@link #MAX_BACKOFF}) and the WAL piles up behind
 * it, within the WAL's retention bound; what the bound drops before it was read is reported
 * ({@link #missed}). {@link #stop()} (any thread) ends a retry wait at once; the object stays held
 * and its records are read again on the next start.
 */
final class RawBackupConsumer implements RecordConsumer {
  private static final Logger log = LoggerFactory.getLogger(RawBackupConsumer.class);
  /** First wait after a failed upload: a blip in the store costs little delay. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  /** Longest wait between retries: the backup resumes within 10 s of the store's return. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final BackupBucket bucket;
  private final Path stateDir;
  private final long objectBytes;
  private final long objectAgeNanos;
  private final BackupProgress progress;
  private final Object wake = new Object();
  private volatile boolean stopping;
  /** An object holding a record before this position is cut at the end of the pass ({@link #cutBefore}). */
  private final AtomicLong cutBefore = new AtomicLong(-1);
  private Optional<InFlightObject> resume;
  private RawObject held;

  RawBackupConsumer(BackupBucket bucket, Path stateDir, long objectBytes, Duration objectAge, BackupProgress progress)
      throws IOException {
    this.bucket = bucket;
    this.stateDir = stateDir;
    this.objectBytes = objectBytes;
    this.objectAgeNanos = objectAge.toNanos();
    this.progress = progress;
    this.resume = InFlightObject.read(stateDir);
  }

  @Override
  public void accept(long position, long nextPosition, byte[] payload) throws IOException {
    if (held == null) {
      held = startAt(position);
    }
    held.add(position, nextPosition, payload);
    if (resume.isPresent() && resume.get().first() == held.first()) {
      if (nextPosition >= resume.get().end()) {
        upload(); // the object a crash interrupted, again: same records, same key
      }
    } else if (held.bytes() >= objectBytes) {
      upload();
    }
  }

  private RawObject startAt(long position) {
    if (resume.isPresent() && resume.get().first() != position) {
      resume = Optional.empty(); // its upload was recorded in the cursor before the crash
    }
    return resume.isPresent() ? RawObject.resuming(resume.get(), System.nanoTime())
        : new RawObject(position, Instant.now(), System.nanoTime());
  }

  @Override
  public void passEnded() throws IOException {
    if (held != null && (System.nanoTime() - held.startedNanos() >= objectAgeNanos || held.first() < cutBefore.get())
        && (resume.isEmpty() || resume.get().first() != held.first())) {
      upload();
    }
  }

  /**
   * Asks (from any thread) that the object being filled be cut and uploaded at the end of the
   * follower's pass when it holds a record before {@code position}, without waiting for its age: an
   * erasure needs every record it may erase in the bucket. A resumed object is still cut where it was.
   */
  void cutBefore(long position) {
    cutBefore.accumulateAndGet(position, Math::max);
  }

  @Override
  public long processedUpTo(long next) {
    return held == null ? next : held.first();
  }

  @Override
  public void missed(MissedRecords gap) {
    progress.missed(gap);
    log.atWarn().addKeyValue("from", gap.from()).addKeyValue("to", gap.to()).addKeyValue("bytes", gap.bytes())
        .log("raw backup gap: " + BackupProgress.describe(gap));
  }

  /** Ends a retry wait at once and makes the uploads give up; the held object is read again on the next start. */
  void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Uploads {@link #held} until it is verified or the backup stops; then releases it. */
  private void upload() throws IOException {
    RawObject object = held;
    String key = object.key();
    InFlightObject.write(stateDir, new InFlightObject(object.first(), object.end(), object.hour()));
    byte[] content = object.compress();
    long backoff = FIRST_BACKOFF.toMillis();
    while (!stopping) {
      try {
        bucket.put(key, content);
        long stored = bucket.size(key);
        if (stored != content.length) {
          throw new BackupStoreException("uploaded " + bucket.describe(key) + " holds " + stored + " bytes, not the "
              + content.length + " sent", null);
        }
        progress.uploaded(key, content.length, object.records());
        log.atDebug().addKeyValue("object", key).addKeyValue("records", object.records())
            .addKeyValue("bytes", object.bytes()).addKeyValue("compressed", content.length).log("raw backup object uploaded");
        held = null;
        resume = Optional.empty();
        return;
      } catch (BackupStoreException e) {
        if (progress.failed(e.getMessage())) {
          log.atWarn().addKeyValue("object", key).addKeyValue("error", e.getMessage())
              .log("raw backup cannot upload; retrying with backoff, the backup falls behind");
        }
        pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  private void pause(long millis) throws IOException {
    synchronized (wake) {
      if (stopping) {
        return;
      }
      try {
        wake.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the raw backup waited to retry an upload");
      }
    }
  }
}
