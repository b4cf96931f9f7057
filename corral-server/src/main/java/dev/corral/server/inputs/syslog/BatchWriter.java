package dev.corral.server.inputs.syslog;

import dev.corral.server.ingest.IngestSink;
import dev.corral.server.ingest.LineStream;
import dev.corral.server.inputs.socket.RetryingStore;

/**
 * Writes a syslog listener's {@link PendingBatch}es through the shared {@link RetryingStore}
 * (backpressure, splitting a batch refused as too large) and clears them. Thread-safe; {@link #close()} ends every wait.
 */
final class BatchWriter implements AutoCloseable {
  private final RetryingStore store;
  private final IngestSink sink;
  private final String input;

  /** @param input the listener name, the {@code dead_letter.input} of what it cannot store */
  BatchWriter(String input, IngestSink sink) {
    this.store = new RetryingStore(sink, input);
    this.sink = sink;
    this.input = input;
  }

  /** A stream for the lines of one connection, joining them as the pipelines' multiline blocks say. */
  LineStream openStream() {
    return sink.openLineStream(input);
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
    boolean stored = store.store(batch.events(), batch.deadLetters(), batch.receivedAtNanos());
    batch.clear();
    return stored;
  }

  /** Ends every wait; batches still waiting are not stored (they were never acknowledged). */
  @Override
  public void close() {
    store.stop();
  }
}
