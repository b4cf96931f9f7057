package dev.corral.server.ingest;

import dev.corral.model.EventBatch;
import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.IngestBody;
import dev.corral.wal.WalException;
import dev.corral.wal.WriteAheadLog;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * The native ingest path: admission (ready, disk, indexing backlog) → decode and normalize each
 * line → encode the batch once as canonical NDJSON → one WAL append (group-committed with
 * concurrent requests) → ack. The WAL hands the batch to the store in WAL order after fsync, so
 * when {@link #ingest} returns, the accepted events are durable and queued for indexing.
 * Thread-safe; called on one virtual thread per request.
 */
public final class IngestService {
  /** Seconds a client is asked to wait while indexing catches up; one refresh cycle is usually enough. */
  private static final int BACKLOG_RETRY_SECONDS = 1;

  private final IngestBody decoder;
  private final WriteAheadLog<EventBatch> wal;
  private final LongSupplier pendingEvents;
  private final Supplier<? extends Optional<? extends Exception>> storeFailure;
  private final DiskSpaceGuard disk;
  private final long maxPendingEvents;
  private final BooleanSupplier ready;
  private final long maxRecordBytes;

  /**
   * @param pendingEvents the store's indexing backlog (events durable but not yet indexed)
   * @param storeFailure why the store stopped taking writes, if it did
   * @param ready whether recovery finished; until then ingest answers 503
   * @param maxPendingEvents indexing backlog beyond which ingest answers 429
   * @param maxRecordBytes largest WAL record; a batch whose canonical form is larger gets 413
   */
  public IngestService(IngestBody decoder, WriteAheadLog<EventBatch> wal,
      LongSupplier pendingEvents,
      Supplier<? extends Optional<? extends Exception>> storeFailure, DiskSpaceGuard disk, long maxPendingEvents, BooleanSupplier ready, long maxRecordBytes) {
    this.decoder = decoder;
    this.wal = wal;
    this.pendingEvents = pendingEvents;
    this.storeFailure = storeFailure;
    this.disk = disk;
    this.maxPendingEvents = maxPendingEvents;
    this.ready = ready;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Stores the events of one request body durably.
   *
   * @throws IngestRejection when the request as a whole is refused; nothing of it was stored
   */
  public IngestResult ingest(RequestBody body, long receivedAtNanos) throws IngestRejection {
    admit();
    DecodedBody decoded = decoder.decode(body.bytes(), body.length(), receivedAtNanos);
    if (!decoded.events().isEmpty()) {
      EventBatch batch = EventBatch.encode(decoded.events());
      append(batch);
    }
    return new IngestResult(decoded.events().size(), decoded.errors().size(), decoded.errors());
  }

  private void admit() throws IngestRejection {
    if (!ready.getAsBoolean()) {
      throw new IngestRejection(503, "server is starting: replaying the write-ahead log into the store", 1);
    }
    if (wal.failure().isPresent()) {
      throw new IngestRejection(503, "write-ahead log stopped taking writes: " + wal.failure().get()
          + "; queries keep working, restart after fixing the cause");
    }
    Optional<? extends Exception> storeStopped = storeFailure.get();
    if (storeStopped.isPresent()) {
      throw new IngestRejection(503, "store stopped taking writes: " + storeStopped.get().getMessage()
          + "; queries keep working, restart after fixing the cause");
    }
    disk.check();
    long pending = pendingEvents.getAsLong();
    if (pending > maxPendingEvents) {
      throw new IngestRejection(429, "indexing is behind: " + pending + " events waiting, more than the limit of "
          + maxPendingEvents + " (ingest.max_pending_events); retry after " + BACKLOG_RETRY_SECONDS + " s",
          BACKLOG_RETRY_SECONDS);
    }
  }

  private void append(EventBatch batch) throws IngestRejection {
    if (batch.source().length > maxRecordBytes) {
      throw new IngestRejection(413, "batch is " + batch.source().length + " bytes once normalized, more than the "
          + "write-ahead log's record limit of " + maxRecordBytes + " bytes; split it into smaller requests");
    }
    try {
      wal.append(batch.source(), 0, batch.source().length, batch);
    } catch (WalException e) {
      if (e.isDiskFull()) {
        throw new IngestRejection(507, "disk full while writing the write-ahead log (" + e.getMessage()
            + "); nothing from this request was stored; ingest resumes when space is freed", 30);
      }
      throw new IngestRejection(503, "write-ahead log refused the batch: " + e.getMessage()
          + "; nothing from this request was stored");
    }
  }
}
