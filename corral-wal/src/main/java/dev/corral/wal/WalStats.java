package dev.corral.wal;

/**
 * A snapshot of a {@link WriteAheadLog}'s counters. Counters start at zero when the log is
 * opened; {@code segments} and {@code bytesOnDisk} describe the directory.
 *
 * @param segments segment files currently retained, the active one included
 * @param bytesOnDisk total size of those files
 * @param appends records durably appended since open
 * @param groupCommits fsyncs of appended data since open (one per group, per segment touched)
 * @param appendedBytes payload bytes durably appended since open
 */
public record WalStats(int segments, long bytesOnDisk, long appends, long groupCommits, long appendedBytes) {}
