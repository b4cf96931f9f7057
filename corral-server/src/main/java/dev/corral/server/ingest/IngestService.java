package dev.corral.server.ingest;

import dev.corral.model.CanonicalJson;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.normalize.DecodedBody;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.IngestBody;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.model.normalize.LineError;
import dev.corral.server.metrics.IngestMetrics;
import dev.corral.server.metrics.RefusalReason;
import dev.corral.wal.WalException;
import dev.corral.wal.WriteAheadLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The ingest path every input shares: admission (ready, disk) → decode and normalize → the ingest
 * window → encode the batch once as canonical NDJSON → a reservation of its events in the
 * indexing backlog ({@link BacklogPacer}) → one WAL append (group-committed with concurrent
 * requests) → ack. Events that cannot be decoded, or whose timestamp is outside the window, are
 * stored as {@link DeadLetter}s. The WAL hands the batch to the store in WAL order after fsync, so
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
  private final IngestMetrics metrics;

  /**
   * @param pendingEvents the store's indexing backlog (events durable but not yet indexed)
   * @param storeFailure why the store stopped taking writes, if it did
   * @param ready whether recovery finished; until then ingest is refused as {@link Refusal.NotReady}
   * @param backlog the limits on {@code pendingEvents} plus the events of requests in flight: above
   *     its target a request waits for the indexers (at most {@link IngestBacklog#maxWait()}), a
   *     request that does not fit under its maximum is refused as {@link Refusal.Backlog} (see {@link BacklogPacer})
   * @param maxRecordBytes largest WAL record; a batch whose canonical form is larger is refused as {@link Refusal.TooLarge}
   * @param metrics where each request's stored events and refusals are counted, per input
   */
  public IngestService(EventDecoder eventDecoder, WriteAheadLog<EventBatch> wal,
      LongSupplier pendingEvents,
      Supplier<? extends Optional<? extends Exception>> storeFailure, DiskSpaceGuard disk, IngestBacklog backlog,
      BooleanSupplier ready, long maxRecordBytes, IngestMetrics metrics) {
    this.eventDecoder = eventDecoder;
    this.decoder = new IngestBody(eventDecoder);
    this.wal = wal;
    this.pacer = new BacklogPacer(pendingEvents, backlog);
    this.storeFailure = storeFailure;
    this.disk = disk;
    this.maxPendingEvents = backlog.maxPendingEvents();
    this.ready = ready;
    this.maxRecordBytes = maxRecordBytes;
    this.metrics = metrics;
  }

  /**
   * Stores the events of one native request body (NDJSON or a JSON array) durably; lines that are
   * not valid events, or whose timestamp is outside the ingest window, are kept as dead letters in
   * the same WAL record and reported with their line numbers.
   *
   * @throws IngestRejection when the request as a whole is refused; nothing of it was stored
   */
  public IngestResult ingest(RequestBody body, long receivedAtNanos) throws IngestRejection {
    try {
      admit();
    } catch (IngestRejection e) {
      throw counted(NATIVE_INPUT, e);
    }
    DecodedBody decoded = decoder.decode(body.bytes(), body.length(), receivedAtNanos);
    List<DeadLetter> deadLetters = new ArrayList<>(decoded.errors().size());
    for (LineError error : decoded.errors()) {
      deadLetters.add(new DeadLetter(NATIVE_INPUT, "line " + error.line() + ": " + error.reason(), error.excerpt(),
          error.inputBytes()));
    }
    store(NATIVE_INPUT, decoded.events(), deadLetters, receivedAtNanos);
    return new IngestResult(decoded.events().size(), decoded.errors().size(), decoded.errors());
  }

  /**
   * Stores already decoded events and dead letters of one request durably, as one WAL record; the
   * path every input (bulk, OTLP, Loki, GELF, …) takes after decoding. An event whose timestamp is
   * outside the {@link EventDecoder#window() ingest window} is stored as a dead letter instead,
   * holding its canonical JSON. Waits, bounded, for room in the indexing backlog
   * ({@link BacklogPacer}). Returns once they are fsync'd. Does nothing for an empty request.
   *
   * @param input the input's name, the {@code dead_letter.input} of events outside the window
   * @throws IngestRejection when the server cannot take writes now (see {@link #admit()}), or as
   *     {@link Refusal.Backlog} when the backlog has no room for this request within the wait
   */
  public void store(String input, List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos)
      throws IngestRejection {
    if (events.isEmpty() && deadLetters.isEmpty()) {
      return;
    }
    try {
      write(input, events, deadLetters, receivedAtNanos);
    } catch (IngestRejection e) {
      throw counted(input, e);
    }
  }

  private IngestRejection counted(String input, IngestRejection rejection) {
    metrics.refused(input, reasonOf(rejection.refusal()));
    return rejection;
  }

  /** The metric label of a refusal: a small closed set, so the label never explodes. */
  private static RefusalReason reasonOf(Refusal refusal) {
    return switch (refusal) {
      case Refusal.Backlog backlog -> RefusalReason.BACKLOG;
      case Refusal.DiskFull full -> RefusalReason.DISK_FULL;
      case Refusal.TooLarge tooLarge -> RefusalReason.TOO_LARGE;
      case Refusal.NotReady notReady -> RefusalReason.UNAVAILABLE;
      case Refusal.Stopping stopping -> RefusalReason.UNAVAILABLE;
      case Refusal.WritesStopped stopped -> RefusalReason.UNAVAILABLE;
      case Refusal.Malformed malformed -> RefusalReason.INVALID;
      case Refusal.Unsupported unsupported -> RefusalReason.INVALID;
    };
  }

  private void write(String input, List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos)
      throws IngestRejection {
    checkWritable();
    List<LogEvent> all = new ArrayList<>(events.size() + deadLetters.size());
    IngestWindow window = eventDecoder.window();
    int outside = 0;
    for (LogEvent event : events) {
      if (window.contains(event.timestamp(), receivedAtNanos)) {
        all.add(event);
      } else {
        all.add(outsideWindow(input, event, window, receivedAtNanos).toEvent(receivedAtNanos));
        outside++;
      }
    }
    for (DeadLetter deadLetter : deadLetters) {
      all.add(deadLetter.toEvent(receivedAtNanos));
    }
    EventBatch batch = EventBatch.encode(all);
    reserve(batch.size());
    try {
      append(batch);
    } finally {
      pacer.release(batch.size());
    }
    metrics.stored(input, events.size() - outside, deadLetters.size() + outside);
  }

  private static DeadLetter outsideWindow(String input, LogEvent event, IngestWindow window, long receivedAtNanos) {
    byte[] json = CanonicalJson.toBytes(event);
    return new DeadLetter(input, window.reason(event.timestamp(), receivedAtNanos),
        new String(json, StandardCharsets.UTF_8), json.length);
  }

  /**
   * The configured decoder (limits and alias table from configuration) that every input uses to
   * read JSON events and, through {@link EventDecoder#normalizer()}, to normalize its own.
   */
  public EventDecoder eventDecoder() {
    return eventDecoder;
  }

  /**
   * The largest indexing backlog seen right after an append: at most
   * {@code ingest.max_pending_events}, unless a single request larger than that was taken alone.
   */
  public long backlogHighWater() {
    return pacer.highWater();
  }

  /**
   * Checks, without waiting, that the server can take writes now; inputs call it before decoding
   * a large body, so a request that would be refused is refused before the work.
   *
   * @throws IngestRejection {@link Refusal.NotReady} while starting, {@link Refusal.WritesStopped} after the WAL
   *     or store stopped taking writes, {@link Refusal.DiskFull} when the disk is nearly full,
   *     {@link Refusal.Backlog} when the indexing backlog is already beyond its maximum
   */
  public void admit() throws IngestRejection {
    checkWritable();
    long backlog = pacer.backlog();
    if (backlog > maxPendingEvents) {
      throw backlogFull(backlog, "");
    }
  }

  private void checkWritable() throws IngestRejection {
    if (!ready.getAsBoolean()) {
      throw new IngestRejection(new Refusal.NotReady(1), "server is starting: replaying the write-ahead log into the store");
    }
    if (wal.failure().isPresent()) {
      throw new IngestRejection(new Refusal.WritesStopped(), "write-ahead log stopped taking writes: " + wal.failure().get()
          + "; queries keep working, restart after fixing the cause");
    }
    Optional<? extends Exception> storeStopped = storeFailure.get();
    if (storeStopped.isPresent()) {
      throw new IngestRejection(new Refusal.WritesStopped(), storeStopped.get().getMessage()
          + "; queries keep working, and the store resumes by itself once the cause is gone");
    }
    disk.check();
  }

  private void reserve(int events) throws IngestRejection {
    boolean reserved;
    try {
      reserved = pacer.reserve(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestRejection(new Refusal.Stopping(1), "server is stopping; nothing from this request was stored");
    }
    if (!reserved) {
      throw backlogFull(pacer.backlog(), events > maxPendingEvents
          ? " (this request of " + events + " events is larger than that limit: it is taken only while nothing else waits)"
          : " (this request adds " + events + ")");
    }
  }

  private IngestRejection backlogFull(long backlog, String request) {
    return new IngestRejection(new Refusal.Backlog(BACKLOG_RETRY_SECONDS), "indexing is behind: " + backlog + " events waiting or arriving" + request
        + ", the limit is " + maxPendingEvents + " (ingest.max_pending_events); retry after " + BACKLOG_RETRY_SECONDS
        + " s");
  }

  private void append(EventBatch batch) throws IngestRejection {
    if (batch.source().length > maxRecordBytes) {
      throw new IngestRejection(new Refusal.TooLarge(), "batch is " + batch.source().length + " bytes once normalized, more than the "
          + "write-ahead log's record limit of " + maxRecordBytes + " bytes; split it into smaller requests");
    }
    try {
      wal.append(batch.source(), 0, batch.source().length, batch);
    } catch (WalException e) {
      if (e.isDiskFull()) {
        throw new IngestRejection(new Refusal.DiskFull(DiskSpaceGuard.DISK_FULL_RETRY_SECONDS), "disk full while writing the write-ahead log (" + e.getMessage()
            + "); nothing from this request was stored; ingest resumes when space is freed");
      }
      throw new IngestRejection(new Refusal.WritesStopped(), "write-ahead log refused the batch: " + e.getMessage()
          + "; nothing from this request was stored");
    }
  }
}
