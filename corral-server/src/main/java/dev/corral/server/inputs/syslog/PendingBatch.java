package dev.corral.server.inputs.syslog;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * Events and dead letters collected from one connection (or one run of datagrams) until they are
 * stored together as one WAL append. Not thread-safe: owned by one connection's thread.
 */
final class PendingBatch {
  /** Events per WAL append: large enough to amortize the fsync, small enough to keep latency low. */
  static final int MAX_EVENTS = 1_000;
  /** Input bytes per WAL append: keeps a batch of large messages far below the WAL's record limit (64 MiB). */
  static final long MAX_BYTES = 8L << 20;

  private final List<LogEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private long bytes;
  private long firstReceivedAtNanos;

  void add(LogEvent event, int inputBytes, long receivedAtNanos) {
    mark(receivedAtNanos);
    events.add(event);
    bytes += inputBytes;
  }

  void add(DeadLetter deadLetter, long receivedAtNanos) {
    mark(receivedAtNanos);
    deadLetters.add(deadLetter);
    bytes += deadLetter.excerpt().length();
  }

  private void mark(long receivedAtNanos) {
    if (isEmpty()) {
      firstReceivedAtNanos = receivedAtNanos;
    }
  }

  boolean isEmpty() {
    return events.isEmpty() && deadLetters.isEmpty();
  }

  boolean isFull() {
    return events.size() + deadLetters.size() >= MAX_EVENTS || bytes >= MAX_BYTES;
  }

  List<LogEvent> events() {
    return events;
  }

  List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** The receive time of the batch's first message: the timestamp of its dead letters. */
  long receivedAtNanos() {
    return firstReceivedAtNanos;
  }

  void clear() {
    events.clear();
    deadLetters.clear();
    bytes = 0;
  }
}
