package dev.corral.server.ingest;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.LineError;
import java.util.ArrayList;
import java.util.List;
import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.IngestBody;
import dev.corral.wal.WalException;
import dev.corral.wal.WriteAheadLog;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * The ingest path every input shares: admission (ready, disk, indexing backlog) → decode and
 * normalize → encode the batch once as canonical NDJSON → one WAL append (group-committed with
 * concurrent requests) → ack. Events that cannot be decoded are stored as {@link DeadLetter}s. The WAL hands the batch to the store in WAL order after fsync, so
 * when {@link #ingest} returns, the accepted events are durable and queued for indexing.
 * Thread-safe; called on one virtual thread per request.
 */
public final class IngestService {
  /** The {@code dead_letter.input} of lines sent to the native API. */
  static final String NATIVE_INPUT = "ndjson";
  /** Seconds a client is asked to wait while indexing catches up; one refresh cycle is usually enough. */
  private static final int BACKLOG_RETRY_SECONDS = 1;

  private final EventDecoder eventDecoder;
  private final IngestBody decoder;
  private final WriteAheadLog<EventBatch> wal;
  private final BacklogPacer pacer;
  private final Supplier<? extends Optional<? extends Exception>> storeFailure;
  private final DiskSpaceGuard disk;
  private final long maxPendingEvents;
  private final BooleanSupplier ready;
  private final long maxRecordBytes;

  /**
   * @param pendingEvents the store's indexing backlog (events durable but not yet indexed)
   * @param storeFailure why the store stopped taking writes, if it did
   * @param ready whether recovery finished; until then ingest answers 503
   * @param backlog the limits on {@code pendingEvents}: above its target a request waits for the
   *     indexers (at most {@link IngestBacklog#maxWait()}), above its maximum it gets 429
   * @param maxRecordBytes largest WAL record; a batch whose canonical form is larger gets 413
   */
  public IngestService(EventDecoder eventDecoder, WriteAheadLog<EventBatch> wal,
      LongSupplier pendingEvents,
      Supplier<? extends Optional<? extends Exception>> storeFailure, DiskSpaceGuard disk, IngestBacklog backlog,
      BooleanSupplier ready, long maxRecordBytes) {
    this.eventDecoder = eventDecoder;
    this.decoder = new IngestBody(eventDecoder);
    this.wal = wal;
    this.pacer = new BacklogPacer(pendingEvents, backlog);
    this.storeFailure = storeFailure;
    this.disk = disk;
    this.maxPendingEvents = backlog.maxPendingEvents();
    this.ready = ready;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * Stores the events of one native request body (NDJSON or a JSON array) durably; lines that are
   * not valid events are kept as dead letters in the same WAL record.
   *
   * @throws IngestRejection when the request as a whole is refused; nothing of it was stored
   */
  public IngestResult ingest(RequestBody body, long receivedAtNanos) throws IngestRejection {
    admit();
    DecodedBody decoded = decoder.decode(body.bytes(), body.length(), receivedAtNanos);
    List<DeadLetter> deadLetters = new ArrayList<>(decoded.errors().size());
    for (LineError error : decoded.errors()) {
      deadLetters.add(new DeadLetter(NATIVE_INPUT, "line " + error.line() + ": " + error.reason(), error.excerpt(),
          error.inputBytes()));
    }
    store(decoded.events(), deadLetters, receivedAtNanos);
    return new IngestResult(decoded.events().size(), decoded.errors().size(), decoded.errors());
  }

  /**
   * Stores already decoded events and dead letters of one request durably, as one WAL record; the
   * path every input (bulk, OTLP, Loki, GELF, …) takes after decoding. Returns once they are
   * fsync'd. Does nothing for an empty request.
   *
   * @throws IngestRejection when the server cannot take writes now (see {@link #admit()})
   */
  public void store(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos) throws IngestRejection {
    if (events.isEmpty() && deadLetters.isEmpty()) {
      return;
    }
    admit();
    List<LogEvent> all = events;
    if (!deadLetters.isEmpty()) {
      all = new ArrayList<>(events.size() + deadLetters.size());
      all.addAll(events);
      for (DeadLetter deadLetter : deadLetters) {
        all.add(deadLetter.toEvent(receivedAtNanos));
      }
    }
    append(EventBatch.encode(all));
  }

  /**
   * The configured decoder (limits and alias table from configuration) that every input uses to
   * read JSON events and, through {@link EventDecoder#normalizer()}, to normalize its own.
   */
  public EventDecoder eventDecoder() {
    return eventDecoder;
  }

  /**
   * Checks that the server can take writes now; inputs call it before decoding a large body.
   *
   * Waits first, bounded, while indexing is behind its target ({@link BacklogPacer}).
   *
   * @throws IngestRejection 503 while starting or after the WAL or store stopped taking writes
   *     (or the server is stopping), 507 when the disk is nearly full, 429 when indexing is too
   *     far behind
   */
  public void admit() throws IngestRejection {
    if (!ready.getAsBoolean()) {
      throw new IngestRejection(503, "server is starting: replaying the write-ahead log into the store", 1);
    }
    if (wal.failure().isPresent()) {
      throw new IngestRejection(503, "write-ahead log stopped taking writes: " + wal.failure().get()
          + "; queries keep working, restart after fixing the cause");
    }
    Optional<? extends Exception> storeStopped = storeFailure.get();
    if (storeStopped.isPresent()) {
      throw new IngestRejection(503, storeStopped.get().getMessage()
          + "; queries keep working, and the store resumes by itself once the cause is gone");
    }
    disk.check();
    long pending;
    try {
      pending = pacer.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestRejection(503, "server is stopping; nothing from this request was stored", 1);
    }
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
