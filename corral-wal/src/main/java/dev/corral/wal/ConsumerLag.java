package dev.corral.wal;

/**
 * Where one named consumer stands, for stats and metrics.
 *
 * @param name the consumer's name
 * @param kind how it reads
 * @param cursor the position it has durably processed up to; for a live consumer the end
 * @param lagBytes log bytes (headers included) between the cursor and the end
 * @param lagRecords records between the cursor and the end
 * @param attached false for a follower known only from its cursor file (not running now: it still
 *     holds segments back)
 * @param missedBytes log bytes this consumer was skipped over by the retention bound since open
 * @param gaps times it was skipped since open
 */
public record ConsumerLag(String name, ConsumerKind kind, long cursor, long lagBytes, long lagRecords,
    boolean attached, long missedBytes, long gaps) {}
