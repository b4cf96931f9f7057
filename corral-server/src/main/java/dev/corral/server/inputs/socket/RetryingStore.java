package dev.corral.server.inputs.socket;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.Utf8Text;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.Refusal;
import dev.corral.server.ingest.Sender;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every socket input stores a batch: one durable WAL append, waiting and retrying the SAME
 * batch while the server cannot take writes (starting, indexing behind, disk nearly full, a
 * service over its ingest quota). That
 * wait is the socket inputs' backpressure: a TCP connection is not read meanwhile, so TCP flow
 * control slows the sender; a UDP queue absorbs what it can and counts what it drops. A batch too
 * large for one WAL record ({@link Refusal.TooLarge}) is halved until it fits; a single event
 * still too large becomes a dead letter. Nothing is dropped, except when the input is stopped while it waits (logged with
 * the count; such a batch was never acknowledged). Thread-safe; one per input.
 */
public final class RetryingStore {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingStore.class);
  /** Wait when a rejection gives no Retry-After: short, so ingest resumes promptly. */
  static final long DEFAULT_RETRY_MILLIS = 200;
  /** Longest single wait, so that a stop or a freed disk is noticed soon. */
  private static final long MAX_RETRY_MILLIS = 5_000;
  /** Start of an unstorable event's message kept in its dead letter. */
  private static final int EXCERPT_BYTES = 1024;

  private final IngestSink sink;
  private final String input;
  private final Object stopping = new Object();
  private volatile boolean stopped;

  /** @param input the input's name: the {@code dead_letter.input} of what it cannot store, and in logs */
  public RetryingStore(IngestSink sink, String input) {
    this.sink = sink;
    this.input = input;
  }

  /**
   * Stores the batch durably; blocks while the server refuses writes.
   *
   * @return true once stored; false when the input was stopped (or the thread interrupted) first
   */
  public boolean store(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos) {
    boolean waited = false;
    while (!stopped) {
      try {
        sink.append(input, Sender.ANONYMOUS, events, deadLetters, receivedAtNanos); // socket inputs carry no key
        if (waited) {
          LOG.atInfo().addKeyValue("input", input).log("server takes writes again; batch stored");
        }
        return true;
      } catch (IngestRejection e) {
        if (e.refusal() instanceof Refusal.TooLarge) {
          return split(events, deadLetters, receivedAtNanos, e);
        }
        if (!waited) {
          LOG.atWarn().addKeyValue("input", input).addKeyValue("refusal", e.refusal().getClass().getSimpleName())
              .addKeyValue("reason", e.getMessage()).log("server cannot take writes; holding the batch and retrying");
          waited = true;
        }
        pause(e.retryAfterSeconds() > 0 ? Math.min(e.retryAfterSeconds() * 1000L, MAX_RETRY_MILLIS) : DEFAULT_RETRY_MILLIS);
      }
    }
    LOG.atWarn().addKeyValue("input", input).addKeyValue("events", events.size())
        .addKeyValue("dead_letters", deadLetters.size()).log("input stopped while waiting to store; batch not stored");
    return false;
  }

  private boolean split(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos, IngestRejection e) {
    if (events.size() + deadLetters.size() <= 1) {
      if (events.isEmpty()) {
        throw new IllegalStateException("BUG: a single dead letter exceeds the WAL record limit: " + e.getMessage());
      }
      String message = events.getFirst().message();
      return store(List.of(), List.of(new DeadLetter(input, "event cannot be stored: " + e.getMessage(),
          Utf8Text.truncate(message, EXCERPT_BYTES), message.length())), receivedAtNanos);
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

  private void pause(long millis) {
    synchronized (stopping) {
      try {
        if (!stopped) {
          stopping.wait(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  /** Makes waiting stores give up; called when the input closes. */
  public void stop() {
    synchronized (stopping) {
      stopped = true;
      stopping.notifyAll();
    }
  }

  /** Whether {@link #stop()} was called. */
  public boolean stopped() {
    return stopped;
  }
}
