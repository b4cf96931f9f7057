package dev.corral.server.inputs.fluent;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.inputs.socket.RetryingStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessagePacker;

/**
 * The events, dead letters and pending acks of one connection since its last WAL append.
 * {@link #flush} stores them as one append and only then writes the acks, so a sender never gets
 * an ack for anything that is not durable. While the sink refuses writes (not ready, disk nearly
 * full, indexing behind) it waits and retries the same batch without reading further, which is the
 * backpressure: TCP flow control slows the sender. One per connection; not thread-safe.
 */
final class DurableBatch {

  private final RetryingStore store;
  private final String remote;
  private final List<LogEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<ForwardOptions> acks = new ArrayList<>();
  private long bytes;
  private long receivedAtNanos;

  DurableBatch(RetryingStore store, String remote) {
    this.store = store;
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
    if (!store.store(batchEvents, batchDeadLetters, receivedAtNanos)) {
      throw new InputStoppedException("forward input stopped while the server refused writes; the batch from "
          + remote + " was not stored and not acknowledged");
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
