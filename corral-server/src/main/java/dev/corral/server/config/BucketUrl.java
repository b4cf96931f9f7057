package dev.corral.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code s3://bucket/prefix} setting, read: the bucket and the key prefix (no leading or trailing
 * slash, may be empty). Shared by the settings that point at an object store ({@code archive.url},
 * {@code backup.url}).
 *
 * @param bucket the bucket; empty when the setting is empty (the feature is off)
 * @param prefix the key prefix; may be empty
 */
public record BucketUrl(String bucket, String prefix) {
  private static final String SCHEME = "s3://";

  public BucketUrl {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** Reads {@code setting} as {@code s3://bucket} or {@code s3://bucket/prefix}; empty is off. */
  static BucketUrl from(ConfigValues values, Setting setting) {
    String url = values.text(setting).trim();
    if (url.isEmpty()) {
      return new BucketUrl("", "");
    }
    if (!url.startsWith(SCHEME) || url.length() == SCHEME.length() || url.charAt(SCHEME.length()) == '/') {
      throw new ConfigException(setting.key() + " is '" + url + "' (from " + values.source(setting)
          + "); use s3://bucket or s3://bucket/prefix");
    }
    String path = url.substring(SCHEME.length());
    int slash = path.indexOf('/');
    return new BucketUrl(slash < 0 ? path : path.substring(0, slash), slash < 0 ? "" : trimSlashes(path.substring(slash + 1)));
  }

  /** Reads {@code setting} as the http(s) URL of an S3-compatible endpoint; empty for AWS S3. */
  static Optional<URI> endpoint(ConfigValues values, Setting setting) {
    String text = values.text(setting).trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ConfigException(setting.key() + " is '" + text + "' (from " + values.source(setting)
          + "): " + e.getReason() + "; use e.g. http://minio:9000");
    }
  }

  private static String trimSlashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '/') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(start, end);
  }

  /** {@code s3://bucket/prefix}, or empty when off: safe to show. */
  public String url() {
    return bucket.isEmpty() ? "" : SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
