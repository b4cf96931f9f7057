package dev.corral.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code archive.*} settings: where whole days are archived (an S3 bucket and key prefix, any
 * S3-compatible endpoint), with which credentials, and when days are uploaded, removed locally and
 * deleted from the bucket (docs/operations.md, "Archive"). {@link #toString()} never shows the
 * secret key.
 *
 * @param bucket the bucket; empty when the archive is off ({@code archive.url} empty)
 * @param prefix the key prefix, without leading or trailing slash; may be empty
 * @param endpoint the endpoint URL of an S3-compatible store; empty for AWS S3
 * @param region the region; empty for the SDK's default region chain
 * @param accessKey the access key id; empty for the SDK's default credentials chain
 * @param secretKey the secret access key, empty exactly when {@code accessKey} is
 * @param pathStyle whether the bucket goes in the path rather than the host name
 * @param after how long a day is warm before it is uploaded
 * @param localMaxAge age (from the end of the day) past which an archived day leaves the local disk; zero keeps it
 * @param maxAge age (from the end of the day) past which an archived day leaves the bucket; zero keeps it
 * @param partBytes files at least this big go up in parts of this size
 * @param cacheBytes most bytes of archived days kept in the fetch cache ({@code data/archive/cache})
 */
public record ArchiveSection(String bucket, String prefix, Optional<URI> endpoint, String region, String accessKey,
    String secretKey, boolean pathStyle, Duration after, Duration localMaxAge, Duration maxAge, long partBytes,
    long cacheBytes) {
  /** S3's smallest part of a multipart upload (all but the last). */
  public static final long MIN_PART_BYTES = 5L << 20;
  /** S3's largest part. */
  public static final long MAX_PART_BYTES = 5L << 30;
  /** Ages are of days; a hundred years is "never" already. */
  private static final Duration MAX_AGE = Duration.ofDays(36_500);
  /** A cache smaller than one small day fetches on every query; 1 MiB still lets tests fill it. */
  public static final long MIN_CACHE_BYTES = 1L << 20;

  public ArchiveSection {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(localMaxAge, "localMaxAge");
    Objects.requireNonNull(maxAge, "maxAge");
  }

  /** Reads and validates the {@code archive.*} settings. */
  public static ArchiveSection from(ConfigValues values) {
    BucketUrl url = BucketUrl.from(values, Settings.ARCHIVE_URL);
    String accessKey = values.text(Settings.ARCHIVE_ACCESS_KEY).trim();
    String secretKey = values.text(Settings.ARCHIVE_SECRET_KEY).trim();
    if (accessKey.isEmpty() != secretKey.isEmpty()) {
      throw new ConfigException("archive.access_key and archive.secret_key go together: set both, or neither for"
          + " the SDK's default credentials chain (environment, profile, instance role)");
    }
    return new ArchiveSection(url.bucket(), url.prefix(), BucketUrl.endpoint(values, Settings.ARCHIVE_ENDPOINT), values.text(Settings.ARCHIVE_REGION).trim(), accessKey,
        secretKey, values.bool(Settings.ARCHIVE_PATH_STYLE),
        values.duration(Settings.ARCHIVE_AFTER, Duration.ZERO, MAX_AGE),
        values.duration(Settings.ARCHIVE_LOCAL_MAX_AGE, Duration.ZERO, MAX_AGE),
        values.duration(Settings.ARCHIVE_MAX_AGE, Duration.ZERO, MAX_AGE),
        values.bytes(Settings.ARCHIVE_PART_BYTES, MIN_PART_BYTES, MAX_PART_BYTES),
        values.bytes(Settings.ARCHIVE_CACHE_BYTES, MIN_CACHE_BYTES, Long.MAX_VALUE));
  }

  /** Whether an archive is configured. */
  public boolean enabled() {
    return !bucket.isEmpty();
  }

  /** The archive as configured, {@code s3://bucket/prefix}: safe to show (no credentials). */
  public String url() {
    return enabled() ? "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) : "";
  }

  /** Never shows the secret key. */
  @Override
  public String toString() {
    return "ArchiveSection[url=" + url() + ", endpoint=" + endpoint.map(URI::toString).orElse("") + ", region=" + region
        + ", accessKey=" + accessKey + ", secretKey=" + (secretKey.isEmpty() ? "" : "(hidden)") + ", pathStyle="
        + pathStyle + ", after=" + after + ", localMaxAge=" + localMaxAge + ", maxAge=" + maxAge + ", partBytes="
        + partBytes + ", cacheBytes=" + cacheBytes + "]";
  }
}
