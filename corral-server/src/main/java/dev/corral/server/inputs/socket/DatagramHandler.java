package dev.corral.server.inputs.socket;

import java.util.List;

/** Processes received datagrams in batches, on the listener's one processing thread. */
public interface DatagramHandler {
  /** Decodes and stores a batch (one WAL append for all of it, ideally). */
  void handle(List<Datagram> batch);

  /**
   * Reports datagrams dropped because processing fell behind (the queue was full) since the last
   * report; the handler records them (e.g. as a dead letter) so nothing vanishes silently.
   */
  void dropped(long count, long receivedAtNanos);
}
