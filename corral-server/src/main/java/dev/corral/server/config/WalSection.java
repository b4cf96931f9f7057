package dev.corral.server.config;

import dev.corral.wal.WalConfig;
import java.nio.file.Path;

/**
 * The {@code wal.*} settings.
 *
 * @param segmentBytes size at which a WAL segment rolls over
 */
public record WalSection(long segmentBytes) {
  /** Smaller segments only make sense in tests, which build their WAL directly. */
  private static final long MIN_SEGMENT_BYTES = 1 << 20;
  /** A segment is deleted whole once consumed: bigger ones would hold disk long after their records are indexed. */
  private static final long MAX_SEGMENT_BYTES = 1L << 31;

  /** Reads and validates the {@code wal.*} settings. */
  public static WalSection from(ConfigValues values) {
    return new WalSection(values.bytes(Settings.WAL_SEGMENT_BYTES, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES));
  }

  /**
   * The write-ahead log's configuration in {@code directory}; a record holds one request, whose
   * canonical form can be several times its body (added fields), so it gets four times the body
   * limit, at least the WAL's default.
   */
  public WalConfig walConfig(Path directory, long maxBodyBytes) {
    int maxRecordBytes = (int) Math.min(WalConfig.MAX_RECORD_BYTES_LIMIT,
        Math.max(WalConfig.DEFAULT_MAX_RECORD_BYTES, maxBodyBytes * 4));
    return new WalConfig(directory, segmentBytes, maxRecordBytes, WalConfig.DEFAULT_MAX_GROUP_BYTES);
  }
}
