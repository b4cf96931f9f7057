package dev.corral.server.ingest;

import dev.corral.model.RecordOrigin;

/**
 * Told of every durable WAL record that carries a {@link RecordOrigin}, in WAL order, on the origin follower's
 * thread ({@link IngestSink#followOrigins}). It must return quickly: the follower reads on once it returns.
 */
@FunctionalInterface
public interface OriginListener {
  /**
   * @param origin where the record's events were read from
   * @param walNextPosition the WAL position just after the record: a consumer that gates on how far a store has
   *     taken the log (a checkpoint) compares it with that
   */
  void durable(RecordOrigin origin, long walNextPosition);
}
