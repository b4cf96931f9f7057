package dev.corral.wal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link WriteAheadLog}, fixed when it is opened.
 *
 * @param directory where the segment files live; created if missing
 * @param segmentBytes a segment rolls over when the next record would take its file past this
 *     size; a record larger than this gets a segment of its own
 * @param maxRecordBytes the largest payload {@link WriteAheadLog#append} accepts
 * @param maxGroupBytes at most this many encoded bytes (headers plus payloads) go into one
 *     group commit, unless a single record is larger; also the size of the writer's buffer
 * @param retention how much is kept for a durable consumer that does not move on
 */
public record WalConfig(Path directory, long segmentBytes, int maxRecordBytes, int maxGroupBytes,
    WalRetention retention) {
  /** 64 MiB: few enough files for a day of ingest, small enough that deletion is fine-grained. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  /** 64 MiB: far above any sane batch of events, low enough that one record cannot exhaust heap. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;
  /** 16 MiB: one write of this size amortizes an fsync fully; the buffer is allocated once. */
  public static final int DEFAULT_MAX_GROUP_BYTES = 16 << 20;

  /** Room for the segment header and a few small records; smaller only makes sense in tests. */
  public static final long MIN_SEGMENT_BYTES = 64;
  /** A Java array holds at most about {@code Integer.MAX_VALUE} bytes; keep headroom. */
  public static final int MAX_RECORD_BYTES_LIMIT = Integer.MAX_VALUE - 64;
  /** The group buffer must hold at least a record header and some payload. */
  public static final int MIN_GROUP_BYTES = 64;
  /** 1 GiB: the group buffer is direct memory allocated up front; more buys nothing. */
  public static final int MAX_GROUP_BYTES_LIMIT = 1 << 30;

  public WalConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(retention, "retention");
    if (segmentBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segmentBytes (" + segmentBytes + ") is below the minimum (" + MIN_SEGMENT_BYTES + ")");
    }
    if (maxRecordBytes < 0 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxRecordBytes (" + maxRecordBytes + ") must be between 0 and " + MAX_RECORD_BYTES_LIMIT);
    }
    if (maxGroupBytes < MIN_GROUP_BYTES || maxGroupBytes > MAX_GROUP_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxGroupBytes (" + maxGroupBytes + ") must be between " + MIN_GROUP_BYTES + " and "
              + MAX_GROUP_BYTES_LIMIT);
    }
  }

  /** These sizes with the default retention ({@link WalRetention#DEFAULTS}). */
  public WalConfig(Path directory, long segmentBytes, int maxRecordBytes, int maxGroupBytes) {
    this(directory, segmentBytes, maxRecordBytes, maxGroupBytes, WalRetention.DEFAULTS);
  }

  /** The defaults above, in {@code directory}. */
  public static WalConfig defaults(Path directory) {
    return new WalConfig(
        directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_GROUP_BYTES);
  }

  /** A copy with another segment size. */
  public WalConfig withSegmentBytes(long bytes) {
    return new WalConfig(directory, bytes, maxRecordBytes, maxGroupBytes, retention);
  }

  /** A copy with another record size limit. */
  public WalConfig withMaxRecordBytes(int bytes) {
    return new WalConfig(directory, segmentBytes, bytes, maxGroupBytes, retention);
  }

  /** A copy with another group size limit. */
  public WalConfig withMaxGroupBytes(int bytes) {
    return new WalConfig(directory, segmentBytes, maxRecordBytes, bytes, retention);
  }

  /** A copy with another retention bound. */
  public WalConfig withRetention(WalRetention bound) {
    return new WalConfig(directory, segmentBytes, maxRecordBytes, maxGroupBytes, bound);
  }
}
