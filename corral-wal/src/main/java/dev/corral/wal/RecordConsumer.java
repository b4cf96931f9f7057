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

  /**
   * Where the cursor may move once {@code accept} returned for the record ending at {@code next} (or
   * once a pass ended there): the end of what this consumer has made durable. Default {@code next}:
   * a record counts as processed when {@code accept} returns. A consumer that holds records before
   * making them durable elsewhere (a batch upload) returns the position of the first record it
   * still holds, so a crash delivers the held records again. Never below an earlier answer, never
   * above {@code next}.
   */
  default long processedUpTo(long next) {
    return next;
  }

  /**
   * Called on the follower's thread after each read pass, when it has read everything there was at
   * the start of the pass (at least every 200 ms while the log is idle): a batching consumer makes
   * what is due durable here. Throwing stops the follower, as from {@code accept}. Default: nothing.
   */
  default void passEnded() throws IOException {}
}
