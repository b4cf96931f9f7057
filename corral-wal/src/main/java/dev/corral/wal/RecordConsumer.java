package dev.corral.wal;

import java.io.IOException;

/**
 * What a {@link WalFollower} hands records to, on the follower's own thread, in position order.
 * Delivery is at least once: after a crash, records after the last persisted cursor are delivered
 * again; a consumer that must not repeat an effect keys it by position.
 */
public interface RecordConsumer {
  /**
   * Processes one record. When this returns the record counts as processed and the cursor may move
   * past it. Throwing stops the follower (logged at ERROR); the cursor stays before the record.
   *
   * @param payload a fresh array the consumer may keep
   */
  void accept(long position, long nextPosition, byte[] payload) throws IOException;

  /**
   * Told, in stream order, that the records of {@code missed} were deleted by the retention bound
   * before this consumer read them; delivery resumes at {@code missed.to()}. The follower has
   * already logged it at WARN and counted it. Default: nothing more.
   */
  default void missed(MissedRecords missed) {}
}
