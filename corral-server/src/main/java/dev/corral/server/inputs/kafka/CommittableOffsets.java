package dev.corral.server.inputs.kafka;

import dev.corral.model.RecordOrigin;
import dev.corral.server.ingest.OriginListener;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets the Kafka input may commit: told by the WAL's origin follower of every durable record read from
 * Kafka ({@link OriginListener}), it holds back a record until the store has taken it, i.e. until the
 * "committable WAL position" reaches the record's end (with the local store every durable record is committable;
 * with a store that indexes elsewhere, its checkpoint). What is held back is bounded by the store's own backlog.
 * Thread-safe: the follower adds, the consumer thread takes.
 */
final class CommittableOffsets implements OriginListener {
  /** Every durable record may be committed: the WAL fsync is the acknowledgement (the local store replays the WAL). */
  static final LongSupplier EVERY_DURABLE_RECORD = () -> Long.MAX_VALUE;

  private record Held(RecordOrigin origin, long walNextPosition) {}

  private final LongSupplier committableWalPosition;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Map<TopicPartition, Long> committable = new HashMap<>();

  /** @param committableWalPosition the WAL position up to which records may be committed (see the class comment) */
  CommittableOffsets(LongSupplier committableWalPosition) {
    this.committableWalPosition = committableWalPosition;
  }

  @Override
  public synchronized void durable(RecordOrigin origin, long walNextPosition) {
    held.addLast(new Held(origin, walNextPosition));
    release();
  }

  /** The offset after the last committable record of each partition seen so far. */
  synchronized Map<TopicPartition, Long> committable() {
    release();
    return Map.copyOf(committable);
  }

  /** The offset after the last committable record of {@code partition}, or -1 when none. */
  synchronized long committable(TopicPartition partition) {
    release();
    return committable.getOrDefault(partition, -1L);
  }

  /** Moves what the committable position has passed from {@link #held} to {@link #committable}, in WAL order. */
  private void release() {
    if (held.isEmpty()) {
      return;
    }
    long limit = committableWalPosition.getAsLong();
    while (!held.isEmpty() && held.peekFirst().walNextPosition() <= limit) {
      RecordOrigin origin = held.removeFirst().origin();
      committable.merge(new TopicPartition(origin.stream(), origin.partition()), origin.nextOffset(), Math::max);
    }
  }
}
