package dev.corral.server.inputs.beats;

import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.inputs.socket.RetryingStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events and dead letters of the current window not yet stored, and the sequence number of the last of them.
 * {@link #flush} stores them as one WAL append (waiting and retrying while the server refuses writes: the
 * backpressure, since the connection is not read meanwhile) and only then acknowledges that sequence number. One per
 * connection; not thread-safe.
 */
final class WindowBatch {
  private final RetryingStore store;
  private final String remote;
  private final AckWriter acks;
  private final List<LogEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private long bytes;
  private long lastSeq;
  private long receivedAtNanos;

  WindowBatch(RetryingStore store, String remote, AckWriter acks) {
    this.store = store;
    this.remote = remote;
    this.acks = acks;
  }

  void add(LogEvent event, long seq, long inputBytes) {
    started(seq);
    events.add(event);
    bytes += inputBytes;
  }

  void deadLetter(String reason, String excerpt, long seq, long inputBytes) {
    started(seq);
    deadLetters.add(deadLetterOf(reason, excerpt, inputBytes));
    bytes += excerpt.length();
  }

  /** A dead letter of this input naming the sender. */
  DeadLetter deadLetterOf(String reason, String excerpt, long inputBytes) {
    return new DeadLetter(BeatsInputs.INPUT, reason + " (from " + remote + ")", excerpt,
        (int) Math.min(Integer.MAX_VALUE, inputBytes));
  }

  /** The receive time of the batch's first event: the timestamp of events without one. */
  long receivedAtNanos() {
    if (receivedAtNanos == 0) {
      receivedAtNanos = Timestamps.toNanos(Instant.now());
    }
    return receivedAtNanos;
  }

  int size() {
    return events.size() + deadLetters.size();
  }

  long bytes() {
    return bytes;
  }

  /** Forgets what is not stored: the window broke, and the sender sends it again. */
  void discard() {
    events.clear();
    deadLetters.clear();
    bytes = 0;
    receivedAtNanos = 0;
  }

  /**
   * Stores what is waiting (returns after fsync), then acknowledges the last sequence number taken.
   *
   * @throws InputStoppedException when the input stops while the server refuses writes (nothing stored nor acked)
   * @throws IOException when the ack cannot be written (the batch is stored)
   */
  void flush() throws IOException {
    if (size() == 0) {
      return;
    }
    List<LogEvent> batchEvents = List.copyOf(events);
    List<DeadLetter> batchDeadLetters = List.copyOf(deadLetters);
    long at = receivedAtNanos();
    if (!acks.keepingAlive(() -> store.store(batchEvents, batchDeadLetters, at))) {
      throw new InputStoppedException("beats input stopped while the server refused writes; " + size()
          + " events from " + remote + " were not stored and not acknowledged");
    }
    discard();
    acks.ack(lastSeq);
  }

  private void started(long seq) {
    receivedAtNanos();
    lastSeq = seq;
  }

  /** The input stopped (or the thread was interrupted) while the batch waited for the server: nothing was stored. */
  static final class InputStoppedException extends IOException {
    private static final long serialVersionUID = 1L;

    InputStoppedException(String reason) {
      super(reason);
    }
  }
}
