package dev.corral.server.inputs.fluent;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestService;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.msgpack.core.MessagePacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events, dead letters and pending acks of one connection since its last WAL append.
 * {@link #flush} stores them as one append and only then writes the acks, so a sender never gets
 * an ack for anything that is not durable. While the server refuses writes (429, 503, 507) it
 * waits and retries the same batch without reading further, which is the backpressure: TCP flow
 * control slows the sender. One per connection; not thread-safe.
 */
final class DurableBatch {
  private static final Logger LOG = LoggerFactory.getLogger(DurableBatch.class);
  /** How often a wait for the server checks whether the input was stopped. */
  private static final long STOP_CHECK_MILLIS = 100;
  /** The status of a batch too large for one WAL record; it is split instead of retried. */
  private static final int TOO_LARGE = 413;

  private final IngestService ingest;
  private final BooleanSupplier stopped;
  private final String remote;
  private final List<LogEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<ForwardOptions> acks = new ArrayList<>();
  private long bytes;
  private long receivedAtNanos;

  DurableBatch(IngestService ingest, BooleanSupplier stopped, String remote) {
    this.ingest = ingest;
    this.stopped = stopped;
    this.remote = remote;
  }

  void add(LogEvent event, long inputBytes) {
    started();
    events.add(event);
    bytes += inputBytes;
  }

  void deadLetter(String reason, String excerpt, long inputBytes) {
    started();
    deadLetters.add(new DeadLetter(FluentInputs.INPUT, reason + " (from " + remote + ")", excerpt,
        (int) Math.min(Integer.MAX_VALUE, inputBytes)));
    bytes += Math.min(inputBytes, excerpt.length());
  }

  /** Acknowledges the message of {@code options} at the next flush. */
  void ack(ForwardOptions options) {
    acks.add(options);
  }

  /** Events and dead letters waiting. */
  int size() {
    return events.size() + deadLetters.size();
  }

  /** Msgpack bytes of the events waiting. */
  long bytes() {
    return bytes;
  }

  /**
   * Stores what is waiting (one WAL append; returns after fsync), then writes the pending acks.
   *
   * @throws InputStoppedException when the input is stopped while the server refuses writes
   *     (nothing is stored nor acked then)
   * @throws IOException when the acks cannot be written (the batch is stored)
   */
  void flush(MessagePacker out) throws IOException {
    if (size() > 0) {
      store(List.copyOf(events), List.copyOf(deadLetters));
      events.clear();
      deadLetters.clear();
      bytes = 0;
      receivedAtNanos = 0;
    }
    if (!acks.isEmpty()) {
      for (ForwardOptions options : acks) {
        options.writeAck(out);
      }
      acks.clear();
      out.flush();
    }
  }

  private void started() {
    if (receivedAtNanos == 0) {
      receivedAtNanos = Timestamps.toNanos(Instant.now());
    }
  }

  private void store(List<LogEvent> batchEvents, List<DeadLetter> batchDeadLetters) throws IOException {
    boolean warned = false;
    while (true) {
      try {
        ingest.store(batchEvents, batchDeadLetters, receivedAtNanos);
        if (warned) {
          LOG.atInfo().addKeyValue("input", FluentInputs.INPUT).addKeyValue("remote", remote)
              .log("server takes writes again; batch stored");
        }
        return;
      } catch (IngestRejection rejection) {
        if (rejection.status() == TOO_LARGE) {
          storeSplit(batchEvents, batchDeadLetters, rejection);
          return;
        }
        if (!warned) {
          LOG.atWarn().addKeyValue("input", FluentInputs.INPUT).addKeyValue("remote", remote)
              .addKeyValue("status", rejection.status()).addKeyValue("events", batchEvents.size())
              .addKeyValue("reason", rejection.getMessage())
              .log("server refuses writes; holding the batch and not reading until it is stored");
          warned = true;
        }
        waitBeforeRetry(rejection);
      }
    }
  }

  /** A batch too large for one WAL record: halves, down to single events that become dead letters. */
  private void storeSplit(List<LogEvent> batchEvents, List<DeadLetter> batchDeadLetters, IngestRejection rejection)
      throws IOException {
    int total = batchEvents.size() + batchDeadLetters.size();
    if (total <= 1) {
      if (batchEvents.size() == 1) {
        store(List.of(), List.of(new DeadLetter(FluentInputs.INPUT, "event too large to store: "
            + rejection.getMessage() + " (from " + remote + ")", Excerpt.of(batchEvents.get(0).message()), 0)));
        return;
      }
      throw new IllegalStateException("BUG: a single dead letter exceeds the WAL record limit: " + rejection.getMessage());
    }
    int half = batchEvents.size() / 2;
    if (batchEvents.size() > 1) {
      store(batchEvents.subList(0, half), List.of());
      store(batchEvents.subList(half, batchEvents.size()), batchDeadLetters);
    } else {
      store(batchEvents, List.of());
      store(List.of(), batchDeadLetters.subList(0, batchDeadLetters.size() / 2));
      store(List.of(), batchDeadLetters.subList(batchDeadLetters.size() / 2, batchDeadLetters.size()));
    }
  }

  private void waitBeforeRetry(IngestRejection rejection) throws IOException {
    long until = System.nanoTime() + Math.max(1, rejection.retryAfterSeconds()) * 1_000_000_000L;
    while (System.nanoTime() < until) {
      if (stopped.getAsBoolean()) {
        throw new InputStoppedException("forward input stopped while the server refused writes (" + rejection.status()
            + ": " + rejection.getMessage() + "); the batch was not stored and not acknowledged");
      }
      try {
        Thread.sleep(STOP_CHECK_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InputStoppedException("interrupted while waiting for the server to take writes");
      }
    }
  }

  /** The input stopped (or the thread was interrupted) while the batch waited for the server: nothing was stored. */
  static final class InputStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    InputStoppedException(String reason) {
      super(reason);
    }
  }
}
