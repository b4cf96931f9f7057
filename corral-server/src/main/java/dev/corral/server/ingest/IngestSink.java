package dev.corral.server.ingest;

import dev.corral.model.CanonicalJson;
import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import dev.corral.model.RecordOrigin;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.model.normalize.IngestWindow;
import dev.corral.server.metrics.IngestMetrics;
import dev.corral.server.metrics.RefusalReason;
import dev.corral.wal.WalException;
import dev.corral.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one door every input writes through. An input decodes its protocol into events and dead
 * letters and hands them to {@link #append}; nothing else of the server is an input's business.
 * One call of {@link #append} is one request and runs these steps once, in this order:
 * <ol>
 *   <li><b>Admission</b>, once per request: the server is ready, the write-ahead log and the store
 *       take writes, the disk is not nearly full. Otherwise the request is refused as a whole with
 *       a typed {@link Refusal} ({@link Refusal.NotReady}, {@link Refusal.WritesStopped},
 *       {@link Refusal.DiskFull}), each with its retry hint.
 *   <li><b>The ingest window</b>: an event whose timestamp is outside
 *       {@link EventDecoder#window()} becomes a {@link DeadLetter} holding its canonical JSON.
 *   <li><b>Processing</b> ({@link EventProcessing}): the processing pipelines run on the parsed
 *       events, on the request's thread, before anything reaches the disk (so that redaction holds
 *       for every WAL consumer); dropped events are left out, failed ones kept with
 *       {@code pipeline.error.*}; a request naming an unknown pipeline is refused as
 *       {@link Refusal.Malformed}.
 *   <li><b>Reserved logtypes</b> ({@link ReservedLogtypes}): an event of any input but the audit
 *       log's own that claims {@code logtype:audit} has it renamed {@code claimed_audit}.
 *   <li><b>Rate limits</b> ({@link IngestRateLimits}): the sender's API key may send so many events
 *       per second, each service store so many ({@code ingest.service_quotas}); a request over
 *       either is refused as a whole as {@link Refusal.RateLimited}. A request refused by a later
 *       step gives its tokens back.
 *   <li><b>Encoding</b>, once, as canonical NDJSON; a batch over the WAL's record limit is refused
 *       as {@link Refusal.TooLarge}.
 *   <li><b>Pacing</b>: the batch reserves its events in the indexing backlog ({@link BacklogPacer}),
 *       waiting at most {@link IngestBacklog#maxWait()}; no room is {@link Refusal.Backlog}, an
 *       interrupted wait (the server stops) is {@link Refusal.Stopping}.
 *   <li><b>One WAL append</b>, group-committed with concurrent requests; when it returns the batch is
 *       fsync'd. A disk that fills during the append is {@link Refusal.DiskFull}.
 * </ol>
 * Every refusal is counted per input and reason in {@code corral_ingest_refused_requests_total},
 * stored events and dead letters in {@code corral_ingest_events_total} and
 * {@code corral_ingest_dead_letters_total}; a refusal an input raises itself while reading its
 * body is counted through {@link #refused}.
 *
 * <p>The sink knows no protocol: only the HTTP layer maps a refusal to a status
 * ({@code http.RefusalStatus}); socket inputs hold the batch and retry after the hint. Thread-safe;
 * called on one virtual thread per request or connection.
 */
public final class IngestSink {
  /** Seconds a client is asked to wait while indexing catches up; one refresh cycle is usually enough. */
  private static final int BACKLOG_RETRY_SECONDS = 1;
  /** Seconds a client is asked to wait while the server starts or stops: replay is usually that quick. */
  private static final int NOT_READY_RETRY_SECONDS = 1;

  private final EventDecoder eventDecoder;
  private final WriteAheadLog<EventBatch> wal;
  private final BacklogPacer pacer;
  private final Supplier<? extends Optional<? extends Exception>> storeFailure;
  private final DiskSpaceGuard disk;
  private final long maxPendingEvents;
  private final BooleanSupplier ready;
  private final long maxRecordBytes;
  private final IngestMetrics metrics;
  private final IngestRateLimits rateLimits;
  private final EventProcessing processing;

  /**
   * @param pendingEvents the store's indexing backlog (events durable but not yet indexed)
   * @param storeFailure why the store stopped taking writes, if it did
   * @param ready whether recovery finished; until then ingest is refused as {@link Refusal.NotReady}
   * @param backlog the limits on {@code pendingEvents} plus the events of requests in flight (see
   *     {@link BacklogPacer})
   * @param maxRecordBytes largest WAL record; a batch whose canonical form is larger is refused as
   *     {@link Refusal.TooLarge}
   * @param metrics where each request's stored events and refusals are counted, per input
   * @param rateLimits the per-key events per second and the per-service quotas
   * @param processing the processing step (the pipelines), {@link EventProcessing#NONE} for none
   */
  public IngestSink(EventDecoder eventDecoder, WriteAheadLog<EventBatch> wal, LongSupplier pendingEvents,
      Supplier<? extends Optional<? extends Exception>> storeFailure, DiskSpaceGuard disk, IngestBacklog backlog,
      BooleanSupplier ready, long maxRecordBytes, IngestMetrics metrics, IngestRateLimits rateLimits,
      EventProcessing processing) {
    this.eventDecoder = eventDecoder;
    this.wal = wal;
    this.pacer = new BacklogPacer(pendingEvents, backlog);
    this.storeFailure = storeFailure;
    this.disk = disk;
    this.maxPendingEvents = backlog.maxPendingEvents();
    this.ready = ready;
    this.maxRecordBytes = maxRecordBytes;
    this.metrics = metrics;
    this.rateLimits = rateLimits;
    this.processing = processing;
  }

  /** What one {@link #append} stored: events, and dead letters (those sent plus events outside the window). */
  public record Stored(int events, int deadLetters) {}

  /**
   * Stores the decoded events and dead letters of one request durably, as one WAL record, after the
   * steps of the class comment. Returns once they are fsync'd. An empty request stores nothing and
   * is not admitted.
   *
   * @param input the input's name ({@code ndjson}, {@code bulk}, {@code syslog-tcp}, ...): the
   *     metric label and the {@code dead_letter.input} of events outside the window
   * @param sender who sends: its API key's events per second limit the request ({@link Sender#ANONYMOUS}
   *     for protocols without keys)
   * @throws IngestRejection when the request is refused as a whole; nothing of it was stored
   */
  public Stored append(String input, Sender sender, List<LogEvent> events, List<DeadLetter> deadLetters,
      long receivedAtNanos) throws IngestRejection {
    return append(input, sender, PipelineChoice.DEFAULT, events, deadLetters, receivedAtNanos);
  }

  /**
   * {@link #append(String, Sender, List, List, long)} with the pipelines the request names.
   *
   * @throws IngestRejection also when {@code choice} names a pipeline that does not exist ({@link Refusal.Malformed})
   */
  public Stored append(String input, Sender sender, PipelineChoice choice, List<LogEvent> events,
      List<DeadLetter> deadLetters, long receivedAtNanos) throws IngestRejection {
    return append(input, sender, choice, events, deadLetters, Optional.empty(), receivedAtNanos);
  }

  /**
   * {@link #append(String, Sender, PipelineChoice, List, List, long)} of events read from a partitioned log: the
   * WAL record carries {@code origin} ({@link RecordOrigin}), also when no event is left to store (all dropped by a
   * pipeline, or the records held none), so that the log always says how far each partition is held.
   */
  public Stored append(String input, Sender sender, PipelineChoice choice, DecodedBatch batch, RecordOrigin origin,
      long receivedAtNanos) throws IngestRejection {
    return append(input, sender, choice, batch.events(), batch.deadLetters(), Optional.of(origin), receivedAtNanos);
  }

  private Stored append(String input, Sender sender, PipelineChoice choice, List<LogEvent> events,
      List<DeadLetter> deadLetters, Optional<RecordOrigin> origin, long receivedAtNanos) throws IngestRejection {
    if (events.isEmpty() && deadLetters.isEmpty() && origin.isEmpty()) {
      return new Stored(0, 0);
    }
    int received = events.size() + deadLetters.size();
    metrics.received(input, received);
    try {
      return write(input, sender, choice, events, deadLetters, origin, receivedAtNanos);
    } catch (IngestRejection e) {
      metrics.refused(input, reasonOf(e.refusal()), received);
      throw e;
    }
  }

  /** {@link #append(String, Sender, List, List, long)} of a decoded batch. */
  public Stored append(String input, Sender sender, DecodedBatch batch, long receivedAtNanos) throws IngestRejection {
    return append(input, sender, batch.events(), batch.deadLetters(), receivedAtNanos);
  }

  /** {@link #append(String, Sender, PipelineChoice, List, List, long)} of a decoded batch. */
  public Stored append(String input, Sender sender, PipelineChoice choice, DecodedBatch batch, long receivedAtNanos)
      throws IngestRejection {
    return append(input, sender, choice, batch.events(), batch.deadLetters(), receivedAtNanos);
  }

  /**
   * Counts a refusal that {@code input} raised itself before it reached {@link #append} (a body
   * over the limit, unreadable, in a content type it does not read) and returns it, to be thrown.
   */
  public IngestRejection refused(String input, IngestRejection rejection) {
    metrics.refused(input, reasonOf(rejection.refusal()));
    return rejection;
  }

  /** What {@code input} stored and had refused since start, for its stats. */
  public InputCounts counts(String input) {
    return new InputCounts(metrics.events(input), metrics.deadLetters(input), metrics.refusedRequests(input));
  }

  /** The metric label of a refusal: a small closed set, so the label never explodes. */
  private static RefusalReason reasonOf(Refusal refusal) {
    return switch (refusal) {
      case Refusal.Backlog backlog -> RefusalReason.BACKLOG;
      case Refusal.RateLimited limited -> RefusalReason.RATE_LIMITED;
      case Refusal.DiskFull full -> RefusalReason.DISK_FULL;
      case Refusal.TooLarge tooLarge -> RefusalReason.TOO_LARGE;
      case Refusal.NotReady notReady -> RefusalReason.UNAVAILABLE;
      case Refusal.Stopping stopping -> RefusalReason.UNAVAILABLE;
      case Refusal.WritesStopped stopped -> RefusalReason.UNAVAILABLE;
      case Refusal.Malformed malformed -> RefusalReason.INVALID;
      case Refusal.Unsupported unsupported -> RefusalReason.INVALID;
    };
  }

  private Stored write(String input, Sender sender, PipelineChoice choice, List<LogEvent> events,
      List<DeadLetter> deadLetters, Optional<RecordOrigin> origin, long receivedAtNanos) throws IngestRejection {
    admit();
    List<LogEvent> processed = events.isEmpty() ? events : processing.process(input, choice, events);
    if (processed.isEmpty() && deadLetters.isEmpty() && origin.isEmpty()) {
      return new Stored(0, 0); // every event dropped by a pipeline: nothing to write
    }
    IngestRateLimits.Grant grant = rateLimits.take(sender, processed.size() + deadLetters.size(), processed);
    try {
      return write(input, processed, deadLetters, origin, receivedAtNanos);
    } catch (IngestRejection e) {
      grant.giveBack();
      throw e;
    }
  }

  /** The steps after the rate limits: window, encoding, pacing, the WAL append. */
  private Stored write(String input, List<LogEvent> processed, List<DeadLetter> deadLetters,
      Optional<RecordOrigin> origin, long receivedAtNanos) throws IngestRejection {
    List<LogEvent> all = new ArrayList<>(processed.size() + deadLetters.size());
    IngestWindow window = eventDecoder.window();
    int outside = 0;
    for (LogEvent received : processed) {
      LogEvent event = ReservedLogtypes.checked(input, received);
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
    EventBatch batch = EventBatch.encode(all, origin);
    checkRecordSize(batch);
    reserve(batch.size());
    try {
      append(batch);
    } finally {
      pacer.release(batch.size());
    }
    Stored stored = new Stored(all.size() - deadLetters.size() - outside, deadLetters.size() + outside);
    metrics.stored(input, stored.events(), stored.deadLetters());
    return stored;
  }

  private static DeadLetter outsideWindow(String input, LogEvent event, IngestWindow window, long receivedAtNanos) {
    byte[] json = CanonicalJson.toBytes(event);
    return new DeadLetter(input, window.reason(event.timestamp(), receivedAtNanos),
        new String(json, StandardCharsets.UTF_8), json.length);
  }

  /**
   * Starts the durable WAL follower {@code name} that reads the origins of the records written with one
   * ({@link OriginFollower}): it keeps, in {@code offsetsFile}, how far the log holds each partition an input
   * reads, and tells {@code listener} of each origin once durable. The caller closes it.
   *
   * @throws IOException when the offsets file cannot be read or the follower cannot start
   */
  public OriginFollower followOrigins(String name, Path offsetsFile, OriginListener listener) throws IOException {
    return OriginFollower.start(wal, name, offsetsFile, listener);
  }

  /**
   * A stream for the raw lines of one connection of {@code input} ({@link LineStream}): a streaming
   * input passes each line through it and appends what it returns, so that a pipeline's {@code
   * multiline} block can join lines that arrive in separate reads.
   */
  public LineStream openLineStream(String input) {
    return processing.openStream(input);
  }

  /**
   * Whether an append naming pipeline {@code id} would find it now (it may be gone by the append, which then refuses
   * as {@link Refusal.Malformed}): an input that reads the pipeline from each record checks it to make a record
   * naming a missing one a dead letter of its own.
   */
  public boolean hasPipeline(String id) {
    return processing.hasPipeline(id);
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
   * The one admission of a request: the server can take writes now. The indexing backlog is not
   * checked here but by the pacing step, which knows the request's size.
   */
  private void admit() throws IngestRejection {
    if (!ready.getAsBoolean()) {
      throw new IngestRejection(new Refusal.NotReady(NOT_READY_RETRY_SECONDS),
          "server is starting: replaying the write-ahead log into the store");
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

  private void checkRecordSize(EventBatch batch) throws IngestRejection {
    if (batch.source().length > maxRecordBytes) {
      throw new IngestRejection(new Refusal.TooLarge(), "batch is " + batch.source().length + " bytes once normalized, "
          + "more than the write-ahead log's record limit of " + maxRecordBytes + " bytes; split it into smaller requests");
    }
  }

  private void reserve(int events) throws IngestRejection {
    boolean reserved;
    try {
      reserved = pacer.reserve(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestRejection(new Refusal.Stopping(NOT_READY_RETRY_SECONDS),
          "server is stopping; nothing from this request was stored");
    }
    if (!reserved) {
      String request = events > maxPendingEvents
          ? " (this request of " + events + " events is larger than that limit: it is taken only while nothing else waits)"
          : " (this request adds " + events + ")";
      throw new IngestRejection(new Refusal.Backlog(BACKLOG_RETRY_SECONDS), "indexing is behind: " + pacer.backlog()
          + " events waiting or arriving" + request + ", the limit is " + maxPendingEvents
          + " (ingest.max_pending_events); retry after " + BACKLOG_RETRY_SECONDS + " s");
    }
  }

  private void append(EventBatch batch) throws IngestRejection {
    try {
      wal.append(batch.source(), 0, batch.source().length, batch);
    } catch (WalException e) {
      if (e.isDiskFull()) {
        throw new IngestRejection(new Refusal.DiskFull(DiskSpaceGuard.DISK_FULL_RETRY_SECONDS), "disk full while "
            + "writing the write-ahead log (" + e.getMessage() + "); nothing from this request was stored; ingest "
            + "resumes when space is freed");
      }
      throw new IngestRejection(new Refusal.WritesStopped(), "write-ahead log refused the batch: " + e.getMessage()
          + "; nothing from this request was stored");
    }
  }
}
