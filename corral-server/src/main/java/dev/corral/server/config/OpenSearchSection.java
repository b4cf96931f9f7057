package dev.corral.server.config;

import dev.corral.opensearch.mapping.EventMappings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code store.backend} and {@code store.opensearch.*} settings: whether events go to the local
 * Lucene partitions or to an OpenSearch cluster, and for a cluster where it is, how to authenticate,
 * and how its daily indices are made (docs/scale-out.md).
 *
 * @param backend where events are stored and searched
 * @param urls the cluster's base URLs, tried in order (empty for the local backend)
 * @param username basic-auth user, or empty
 * @param password basic-auth password, or empty; never in {@link #toString()}
 * @param caFile CA certificate(s) to trust for https URLs, or null for the JDK's defaults
 * @param verifyHostname whether the cluster's certificate must name the host
 * @param indexPrefix daily indices are {@code <prefix>-YYYY.MM.DD}
 * @param shards primary shards per daily index
 * @param replicas replicas per shard
 * @param maxFields distinct field names per daily index before the rest go under {@code overflow}
 * @param bulkMaxDocs most documents per {@code _bulk} request
 * @param bulkMaxBytes most body bytes per {@code _bulk} request
 */
public record OpenSearchSection(Backend backend, List<URI> urls, String username, String password, Path caFile,
    boolean verifyHostname, String indexPrefix, int shards, int replicas, int maxFields, int bulkMaxDocs,
    long bulkMaxBytes) {
  /** OpenSearch's own ceiling on shards per index. */
  static final int MAX_SHARDS = 1024;
  /** More copies than this is a misunderstanding, not a cluster. */
  static final int MAX_REPLICAS = 16;
  /** OpenSearch's own index.mapping.total_fields.limit ceiling is far above; beyond this a mapping is an explosion. */
  static final int MAX_FIELDS = 100_000;
  /** Requests above ~100 MB hit OpenSearch's default http.max_content_length. */
  static final long MAX_BULK_BYTES = 64L << 20;
  static final int MAX_BULK_DOCS = 100_000;
  /** What OpenSearch accepts as the start of an index name. */
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");

  /** Where events are stored and searched. */
  public enum Backend {
    /** The local day partitions (corral-store). */
    LUCENE,
    /** An OpenSearch cluster (corral-opensearch). */
    OPENSEARCH
  }

  public OpenSearchSection {
    Objects.requireNonNull(backend, "backend");
    urls = List.copyOf(urls);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(indexPrefix, "indexPrefix");
  }

  /** Reads and validates the settings. */
  public static OpenSearchSection from(ConfigValues values) {
    Backend backend = switch (values.text(Settings.STORE_BACKEND).trim().toLowerCase(Locale.ROOT)) {
      case "lucene" -> Backend.LUCENE;
      case "opensearch" -> Backend.OPENSEARCH;
      default -> throw new ConfigException("store.backend = '" + values.text(Settings.STORE_BACKEND).trim() + "' (from "
          + values.source(Settings.STORE_BACKEND) + ") is not lucene or opensearch");
    };
    List<URI> urls = urls(values);
    if (backend == Backend.OPENSEARCH && urls.isEmpty()) {
      throw new ConfigException("store.backend opensearch needs store.opensearch.urls (the cluster's http(s)://host:port)");
    }
    if (backend == Backend.OPENSEARCH && values.bytes(Settings.STORE_MAX_KEYWORD_BYTES, 1, Integer.MAX_VALUE)
        > EventMappings.MAX_IGNORE_ABOVE) {
      throw new ConfigException("store.max_keyword_bytes = " + values.text(Settings.STORE_MAX_KEYWORD_BYTES).trim()
          + " (from " + values.source(Settings.STORE_MAX_KEYWORD_BYTES) + ") is over " + EventMappings.MAX_IGNORE_ABOVE
          + ", the most the OpenSearch store can index as a keyword (Lucene's term limit of 32766 bytes)");
    }
    String username = values.text(Settings.STORE_OPENSEARCH_USERNAME).trim();
    String password = values.text(Settings.STORE_OPENSEARCH_PASSWORD);
    if (username.isEmpty() != password.isEmpty()) {
      throw new ConfigException("store.opensearch.username and store.opensearch.password go together: set both, or "
          + "neither for a cluster without authentication");
    }
    String caFile = values.text(Settings.STORE_OPENSEARCH_CA_FILE).trim();
    String prefix = values.text(Settings.STORE_OPENSEARCH_INDEX_PREFIX).trim();
    if (!PREFIX.matcher(prefix).matches()) {
      throw new ConfigException("store.opensearch.index_prefix = '" + prefix + "' (from "
          + values.source(Settings.STORE_OPENSEARCH_INDEX_PREFIX) + ") is not an index name start: lower-case letters, "
          + "digits, '_', '-', '.', beginning with a letter or digit");
    }
    return new OpenSearchSection(backend, urls, username, password, caFile.isEmpty() ? null : Path.of(caFile),
        values.bool(Settings.STORE_OPENSEARCH_VERIFY_HOSTNAME), prefix,
        values.integer(Settings.STORE_OPENSEARCH_SHARDS, 1, MAX_SHARDS),
        values.integer(Settings.STORE_OPENSEARCH_REPLICAS, 0, MAX_REPLICAS),
        values.integer(Settings.STORE_OPENSEARCH_MAX_FIELDS, 1, MAX_FIELDS),
        values.integer(Settings.STORE_OPENSEARCH_BULK_MAX_DOCS, 1, MAX_BULK_DOCS),
        values.bytes(Settings.STORE_OPENSEARCH_BULK_MAX_BYTES, 1024, MAX_BULK_BYTES));
  }

  private static List<URI> urls(ConfigValues values) {
    List<URI> urls = new ArrayList<>();
    for (String text : values.list(Settings.STORE_OPENSEARCH_URLS)) {
      URI url;
      try {
        url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("store.opensearch.urls entry '" + text + "' is not a URL: " + e.getMessage());
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new ConfigException("store.opensearch.urls entry '" + (url.getRawUserInfo() == null ? text : "(with credentials)")
            + "' is not an http(s)://host:port URL");
      }
      if (url.getRawUserInfo() != null) {
        throw new ConfigException("store.opensearch.urls entry for host " + url.getHost() + " carries credentials; set "
            + "store.opensearch.username and store.opensearch.password instead");
      }
      urls.add(url);
    }
    return urls;
  }

  /** Whether events go to OpenSearch. */
  public boolean enabled() {
    return backend == Backend.OPENSEARCH;
  }

  @Override
  public String toString() {
    return "OpenSearchSection[backend=" + backend + ", urls=" + urls + ", username=" + username + ", password="
        + (password.isEmpty() ? "" : "***") + ", caFile=" + caFile + ", verifyHostname=" + verifyHostname
        + ", indexPrefix=" + indexPrefix + ", shards=" + shards + ", replicas=" + replicas + ", maxFields=" + maxFields
        + ", bulkMaxDocs=" + bulkMaxDocs + ", bulkMaxBytes=" + bulkMaxBytes + "]";
  }
}
