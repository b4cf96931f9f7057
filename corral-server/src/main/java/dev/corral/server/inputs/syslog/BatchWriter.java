package dev.corral.server.inputs.syslog;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores batches durably, waiting and retrying the same batch while the server refuses writes
 * (starting, indexing behind, disk full): that wait is the backpressure — a TCP connection stops
 * being read, so TCP flow control slows its sender; the UDP queue fills and then counts drops.
 * Nothing is dropped while waiting. A batch too large for one WAL record (413) is split; a single
 * message still too large becomes a dead letter. Thread-safe; {@link #close()} ends every wait.
 */
final class BatchWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
  /** Wait when a rejection gives no advice: one refresh cycle usually clears a backlog. */
  private static final int DEFAULT_RETRY_SECONDS = 1;
  /** Longest single wait, so that a close or a freed disk is noticed soon. */
  private static final int MAX_RETRY_SECONDS = 5;
  /** Start of an unstorable message kept in its dead letter. */
  private static final int EXCERPT_BYTES = 1024;

  private final String input;
  private final IngestService ingest;
  private final Object closing = new Object();
  private volatile boolean closed;

  /** @param input the listener name, the {@code dead_letter.input} of what it cannot store */
  BatchWriter(String input, IngestService ingest) {
    this.input = input;
    this.ingest = ingest;
  }

  /**
   * Stores the batch and clears it; blocks while the server refuses writes.
   *
   * @return false when the writer was closed before the batch could be stored
   */
  boolean write(PendingBatch batch) {
    if (batch.isEmpty()) {
      return true;
    }
    boolean stored = store(batch.events(), batch.deadLetters(), batch.receivedAtNanos());
    batch.clear();
    return stored;
  }

  private boolean store(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos) {
    boolean warned = false;
    while (!closed) {
      try {
        ingest.store(events, deadLetters, receivedAtNanos);
        if (warned) {
          LOG.atInfo().addKeyValue("input", input).log("server takes writes again; resumed reading");
        }
        return true;
      } catch (IngestRejection e) {
        if (e.status() == 413) {
          return split(events, deadLetters, receivedAtNanos, e);
        }
        if (!warned) {
          LOG.atWarn().addKeyValue("input", input).addKeyValue("status", e.status()).addKeyValue("reason", e.getMessage())
              .log("server refuses writes; holding the batch and not reading until it takes them");
          warned = true;
        }
        pause(e.retryAfterSeconds() > 0 ? Math.min(e.retryAfterSeconds(), MAX_RETRY_SECONDS) : DEFAULT_RETRY_SECONDS);
      }
    }
    return false;
  }

  private boolean split(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos, IngestRejection e) {
    int total = events.size() + deadLetters.size();
    if (total <= 1) {
      int bytes = events.isEmpty() ? 0 : events.getFirst().message().length();
      return store(List.of(), List.of(new DeadLetter(input, "message cannot be stored: " + e.getMessage(),
          events.isEmpty() ? "" : Utf8Text.truncate(events.getFirst().message(), EXCERPT_BYTES), bytes)),
          receivedAtNanos);
    }
    if (events.size() >= 2) {
      int half = events.size() / 2;
      return store(events.subList(0, half), List.of(), receivedAtNanos)
          && store(events.subList(half, events.size()), deadLetters, receivedAtNanos);
    }
    if (events.size() == 1) {
      return store(events, List.of(), receivedAtNanos) && store(List.of(), deadLetters, receivedAtNanos);
    }
    int half = deadLetters.size() / 2;
    return store(List.of(), deadLetters.subList(0, half), receivedAtNanos)
        && store(List.of(), deadLetters.subList(half, deadLetters.size()), receivedAtNanos);
  }

  private void pause(int seconds) {
    synchronized (closing) {
      try {
        if (!closed) {
          closing.wait(seconds * 1000L);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  /** Ends every wait; batches still waiting are not stored (they were never acknowledged). */
  @Override
  public void close() {
    synchronized (closing) {
      closed = true;
      closing.notifyAll();
    }
  }
}
