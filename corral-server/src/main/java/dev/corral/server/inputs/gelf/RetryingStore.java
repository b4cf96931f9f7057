package dev.corral.server.inputs.gelf;

import dev.corral.model.LogEvent;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.IngestService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch of a socket input, waiting and retrying the same batch while the server cannot take
 * writes ({@link IngestRejection}: indexing behind, disk nearly full, starting). That wait is the
 * backpressure of the socket inputs: a TCP connection is not read meanwhile, so TCP flow control
 * slows the sender; the UDP queue absorbs what it can and counts what it drops. Nothing is dropped
 * here, except when the input is stopped while it waits, which is logged with the count.
 * Thread-safe.
 */
final class RetryingStore {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingStore.class);
  /** Wait before retrying when the rejection gives no Retry-After: short, so ingest resumes promptly. */
  static final long DEFAULT_RETRY_MILLIS = 200;
  /** How often a waiting store checks whether its input was stopped. */
  private static final long STOP_CHECK_MILLIS = 100;

  private final IngestService ingest;
  private final String input;
  private volatile boolean stopped;

  RetryingStore(IngestService ingest, String input) {
    this.ingest = ingest;
    this.input = input;
  }

  /**
   * Stores the batch durably (one WAL append), retrying while it is rejected.
   *
   * @return true once stored; false when the input was stopped (or the thread interrupted) first
   */
  boolean store(List<LogEvent> events, List<DeadLetter> deadLetters, long receivedAtNanos) {
    boolean waited = false;
    while (true) {
      try {
        ingest.store(events, deadLetters, receivedAtNanos);
        if (waited) {
          LOG.atInfo().addKeyValue("input", input).log("server takes writes again; batch stored");
        }
        return true;
      } catch (IngestRejection e) {
        if (!waited) {
          LOG.atWarn().addKeyValue("input", input).addKeyValue("status", e.status())
              .addKeyValue("reason", e.getMessage()).log("server cannot take writes; holding the batch and retrying");
          waited = true;
        }
        long waitMillis = e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() * 1000L : DEFAULT_RETRY_MILLIS;
        if (!sleep(waitMillis)) {
          LOG.atWarn().addKeyValue("input", input).addKeyValue("events", events.size())
              .addKeyValue("dead_letters", deadLetters.size()).log("input stopped while waiting to store; batch lost");
          return false;
        }
      }
    }
  }

  /** Makes waiting stores give up; called when the input closes. */
  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  private boolean sleep(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    try {
      while (!stopped) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return true;
        }
        Thread.sleep(Math.min(left, STOP_CHECK_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
