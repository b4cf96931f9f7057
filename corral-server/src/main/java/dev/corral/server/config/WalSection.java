package dev.corral.server.config;

import dev.corral.wal.WalConfig;
import dev.corral.wal.WalRetention;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code wal.*} settings.
 *
 * @param segmentBytes size at which a WAL segment rolls over
 * @param retention how much WAL is kept for a stuck non-essential consumer ({@code wal.retention_max_bytes},
 *     {@code wal.retention_max_age}; 0 in either means no bound of that kind)
 */
public record WalSection(long segmentBytes, WalRetention retention) {
  /** Smaller segments only make sense in tests, which build their WAL directly. */
  private static final long MIN_SEGMENT_BYTES = 1 << 20;
  /** A segment is deleted whole once consumed: bigger ones would hold disk long after their records are indexed. */
  private static final long MAX_SEGMENT_BYTES = 1L << 31;

  /** 1 PiB: any larger is "no bound", which is 0. */
  private static final long MAX_RETENTION_BYTES = 1L << 50;
  /** Ten years: any longer is "no bound", which is 0. */
  private static final Duration MAX_RETENTION_AGE = Duration.ofDays(3650);

  /** Reads and validates the {@code wal.*} settings. */
  public static WalSection from(ConfigValues values) {
    long retentionBytes = values.bytes(Settings.WAL_RETENTION_MAX_BYTES, 0, MAX_RETENTION_BYTES);
    Duration retentionAge = values.duration(Settings.WAL_RETENTION_MAX_AGE, Duration.ZERO, MAX_RETENTION_AGE);
    return new WalSection(values.bytes(Settings.WAL_SEGMENT_BYTES, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES),
        new WalRetention(retentionBytes, retentionAge));
  }

  /**
   * The write-ahead log's configuration in {@code directory}; a record holds one request, whose
   * canonical form can be several times its body (added fields), so it gets four times the body
   * limit, at least the WAL's default.
   */
  public WalConfig walConfig(Path directory, long maxBodyBytes) {
    int maxRecordBytes = (int) Math.min(WalConfig.MAX_RECORD_BYTES_LIMIT,
        Math.max(WalConfig.DEFAULT_MAX_RECORD_BYTES, maxBodyBytes * 4));
    return new WalConfig(directory, segmentBytes, maxRecordBytes, WalConfig.DEFAULT_MAX_GROUP_BYTES, retention);
  }
}
