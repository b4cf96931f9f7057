package dev.corral.server.backup;

import com.github.luben.zstd.Zstd;
import dev.corral.model.CanonicalJson;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.query.ast.Query;
import dev.corral.query.eval.EventFilter;
import dev.corral.server.erasure.RawBackupEraser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The erasure's reach into the raw backup (docs/operations.md, "Erasure"): for a day D it rewrites
 * every backup object that may hold events of D without those {@code filter} matches, under the
 * same key, and checks the rewrite's size with a HEAD.
 *
 * <p>Which objects: keys carry the hour the backup read a record, not its events' day. An event of D
 * is accepted from {@code ingest.max_future} before D (an early clock) to {@code ingest.max_past}
 * after D ends (a late event), so the objects of the hours from D − max_future to D + 1 day +
 * max_past + {@link #BACKUP_DELAY} are read; with max_past 0 (no limit) every object from D −
 * max_future on is. First the backup uploads the object it fills ({@link BackupService#flush}), so
 * every event the WAL held when the day's erasure began is in the bucket when it is listed.
 *
 * <p>Idempotent: an object with nothing to drop is not written, so a second run writes nothing.
 * Memory: one object at a time (at most {@code backup.object_bytes} of NDJSON, compressed and not).
 * Called by the erasure's one thread.
 */
final class BackupEraser implements RawBackupEraser {
  private static final Logger log = LoggerFactory.getLogger(BackupEraser.class);
  /** How far behind arrival the backup may read a record and still be visited: a day of lag covers an outage of the store. */
  static final Duration BACKUP_DELAY = Duration.ofDays(1);

  private final Supplier<BackupBucket> bucket;
  private final Flush flush;
  private final IngestWindow window;

  /** Puts the object the backup is filling into the bucket before the erasure lists it. */
  @FunctionalInterface
  interface Flush {
    void run() throws BackupStoreException;
  }

  /**
   * @param bucket the backup's bucket, null while the backup is not started
   * @param flush uploads what the backup holds (the WAL up to its end now)
   * @param window the ingest window: how early and how late an event of a day may arrive
   */
  BackupEraser(Supplier<BackupBucket> bucket, Flush flush, IngestWindow window) {
    this.bucket = bucket;
    this.flush = flush;
    this.window = window;
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public long erase(LocalDate day, Query filter, Instant now) throws IOException {
    flush.run();
    BackupBucket store = bucket.get();
    if (store == null) {
      throw new BackupStoreException("the raw backup is not started; its objects of " + day + " cannot be rewritten", null);
    }
    Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    // "raw/YYYY/MM/DD/HH" sorts before every key of that hour ("raw/YYYY/MM/DD/HH/…"); "~" after every hour
    String start = RawObject.KEY_ROOT + RawObject.HOUR.format(dayStart.minus(window.maxFuture()));
    Instant endHour = dayStart.plus(Duration.ofDays(1)).plus(window.maxPast()).plus(BACKUP_DELAY);
    String end = RawObject.KEY_ROOT + (window.maxPast().isZero() ? "~" : RawObject.HOUR.format(endHour));
    Predicate<LogEvent> matches = EventFilter.compile(filter, now);
    long dayFrom = dayStart.getEpochSecond() * 1_000_000_000L;
    long dayTo = dayFrom + Duration.ofDays(1).toNanos();
    Predicate<LogEvent> erased = event -> event.timestamp() >= dayFrom && event.timestamp() < dayTo && matches.test(event);
    long removed = 0;
    for (String key : store.keysBetween(RawObject.KEY_ROOT, start, end)) {
      removed += rewrite(store, key, erased);
    }
    return removed;
  }

  /** Drops the lines of {@code key} that {@code erased} accepts; writes the object back only when one was dropped. */
  private static long rewrite(BackupBucket store, String key, Predicate<LogEvent> erased) throws BackupStoreException {
    byte[] compressed = store.get(key);
    byte[] ndjson = decompress(store, key, compressed);
    ByteArrayOutputStream kept = new ByteArrayOutputStream(ndjson.length);
    long dropped = 0;
    int start = 0;
    for (int i = 0; i < ndjson.length; i++) {
      if (ndjson[i] == '\n') {
        if (i > start && erased.test(read(store, key, ndjson, start, i - start))) {
          dropped++;
        } else {
          kept.write(ndjson, start, i + 1 - start);
        }
        start = i + 1;
      }
    }
    kept.write(ndjson, start, ndjson.length - start); // a last line without newline, kept as it is
    if (dropped == 0) {
      return 0;
    }
    byte[] content = Zstd.compress(kept.toByteArray(), RawObject.ZSTD_LEVEL);
    store.put(key, content);
    long stored = store.size(key);
    if (stored != content.length) {
      throw new BackupStoreException("rewritten " + store.describe(key) + " holds " + stored + " bytes, not the "
          + content.length + " sent", null);
    }
    log.atInfo().addKeyValue("object", key).addKeyValue("erased", dropped).log("raw backup object rewritten by an erasure");
    return dropped;
  }

  private static byte[] decompress(BackupBucket store, String key, byte[] compressed) throws BackupStoreException {
    long size = Zstd.getFrameContentSize(compressed);
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new BackupStoreException(store.describe(key) + " is not one zstd frame of a known size (" + size
          + "); the erasure cannot rewrite it", null);
    }
    return Zstd.decompress(compressed, (int) size);
  }

  private static LogEvent read(BackupBucket store, String key, byte[] ndjson, int offset, int length)
      throws BackupStoreException {
    try {
      return CanonicalJson.read(ndjson, offset, length);
    } catch (IllegalArgumentException e) {
      throw new BackupStoreException(store.describe(key) + " holds a line at byte " + offset
          + " that is not a canonical event (" + e.getMessage() + "); the erasure cannot rewrite it", e);
    }
  }
}
