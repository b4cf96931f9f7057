package dev.corral.server.config;

import dev.corral.server.objectstore.ObjectStoreConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code backup.*} settings: where the raw backup writes every acknowledged record (an S3
 * bucket and key prefix), how it reaches the store (each of endpoint, region, credentials and path
 * style falls back to its {@code archive.*} value when not set), and when an object is cut
 * (docs/operations.md, "Raw backup"). {@link #toString()} never shows the secret key.
 *
 * @param target the bucket and prefix; an empty bucket turns the backup off
 * @param connection how to reach the store
 * @param objectBytes an object is cut once it holds this many bytes of uncompressed NDJSON
 * @param objectAge or once its first record has waited this long, whichever comes first
 * @param erasureWait how long an erasure waits for the backup to upload what the WAL holds
 */
public record BackupSection(BucketUrl target, ObjectStoreConnection connection, long objectBytes, Duration objectAge,
    Duration erasureWait) {
  /** One record (a request's batch, at most http.max_body_bytes) may exceed this; below 64 KiB the object count only grows. */
  public static final long MIN_OBJECT_BYTES = 64L << 10;
  /** Held in memory while an object fills: 1 GiB is far above what a backup object needs. */
  public static final long MAX_OBJECT_BYTES = 1L << 30;
  /** An object per second is the most a store should see from one server. */
  public static final Duration MIN_OBJECT_AGE = Duration.ofSeconds(1);
  /** A day: longer only makes the backup lag further behind ingest. */
  public static final Duration MAX_OBJECT_AGE = Duration.ofDays(1);
  /** Zero: an erasure gives up at once when the backup is behind (tests, a store known to be down). */
  public static final Duration MIN_ERASURE_WAIT = Duration.ZERO;
  /** An erasure request waits this long at most per day; an HTTP client gives up well before an hour. */
  public static final Duration MAX_ERASURE_WAIT = Duration.ofHours(1);

  public BackupSection {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(objectAge, "objectAge");
    Objects.requireNonNull(erasureWait, "erasureWait");
  }

  /** Reads and validates the {@code backup.*} settings, falling back to {@code archive.*} for the store's access. */
  public static BackupSection from(ConfigValues values) {
    BucketUrl target = BucketUrl.from(values, Settings.BACKUP_URL);
    String accessKey = values.text(Settings.BACKUP_ACCESS_KEY).trim();
    String secretKey = values.text(Settings.BACKUP_SECRET_KEY).trim();
    if (accessKey.isEmpty() != secretKey.isEmpty()) {
      throw new ConfigException("backup.access_key and backup.secret_key go together: set both, or neither for"
          + " archive.access_key and archive.secret_key");
    }
    if (accessKey.isEmpty()) {
      accessKey = values.text(Settings.ARCHIVE_ACCESS_KEY).trim();
      secretKey = values.text(Settings.ARCHIVE_SECRET_KEY).trim();
    }
    Setting endpoint = values.text(Settings.BACKUP_ENDPOINT).isBlank() ? Settings.ARCHIVE_ENDPOINT : Settings.BACKUP_ENDPOINT;
    String region = values.text(Settings.BACKUP_REGION).trim();
    ObjectStoreConnection connection = new ObjectStoreConnection(BucketUrl.endpoint(values, endpoint),
        region.isEmpty() ? values.text(Settings.ARCHIVE_REGION).trim() : region, accessKey, secretKey,
        pathStyle(values));
    return new BackupSection(target, connection,
        values.bytes(Settings.BACKUP_OBJECT_BYTES, MIN_OBJECT_BYTES, MAX_OBJECT_BYTES),
        values.duration(Settings.BACKUP_OBJECT_SECONDS, MIN_OBJECT_AGE, MAX_OBJECT_AGE),
        values.duration(Settings.BACKUP_ERASURE_WAIT, MIN_ERASURE_WAIT, MAX_ERASURE_WAIT));
  }

  private static boolean pathStyle(ConfigValues values) {
    String text = values.text(Settings.BACKUP_PATH_STYLE).trim();
    return switch (text) {
      case "" -> values.bool(Settings.ARCHIVE_PATH_STYLE);
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException("backup.path_style is '" + text + "' (from "
          + values.source(Settings.BACKUP_PATH_STYLE) + "); use true, false, or leave it empty for archive.path_style");
    };
  }

  /** Whether the raw backup is on. */
  public boolean enabled() {
    return !target.bucket().isEmpty();
  }
}
