package dev.corral.store;

import dev.corral.model.EventBatch;
import java.io.IOException;

/**
 * Reads the write-ahead log again from a position, for a store that recovers after it stopped
 * taking writes (design.md, "Failures"). The server implements it over its WAL; records come in
 * WAL order.
 */
@FunctionalInterface
public interface WalReplay {
  /**
   * Hands every durable record at or after {@code from} to {@code sink}, in WAL order.
   *
   * @throws IOException when the log cannot be read
   */
  void replay(long from, RecordSink sink) throws IOException;

  /** Receives one record of a replay. */
  @FunctionalInterface
  interface RecordSink {
    void accept(long position, long nextPosition, EventBatch batch) throws IOException;
  }
}
