package dev.corral.server.config;

import dev.corral.wal.WalRetention;
import java.time.Duration;

/**
 * Reads the WAL retention bound ({@code wal.retention_max_bytes}, {@code wal.retention_max_age}); the
 * bounds and defaults are {@link WalRetention}'s.
 */
public final class WalRetentionSettings {
  /** 1 PiB: any larger is "no bound", which is 0. */
  private static final long MAX_BYTES_CEILING = 1L << 50;
  /** Ten years: any longer is "no bound", which is 0. */
  private static final Duration MAX_AGE_CEILING = Duration.ofDays(3650);

  private WalRetentionSettings() {}

  /** The configured bound; {@code 0} in either setting means no bound of that kind. */
  public static WalRetention from(ConfigValues values) {
    long maxBytes = values.bytes(Settings.WAL_RETENTION_MAX_BYTES, 0, MAX_BYTES_CEILING);
    Duration maxAge = values.text(Settings.WAL_RETENTION_MAX_AGE).trim().equals("0") ? Duration.ZERO
        : values.duration(Settings.WAL_RETENTION_MAX_AGE, Duration.ZERO, MAX_AGE_CEILING);
    return new WalRetention(maxBytes, maxAge);
  }
}
