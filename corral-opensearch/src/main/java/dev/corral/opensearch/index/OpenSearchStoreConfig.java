package dev.corral.opensearch.index;

import dev.corral.opensearch.mapping.EventMappings;
import dev.corral.opensearch.client.ClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the OpenSearch store writes.
 *
 * @param client how to reach the cluster
 * @param directory where the store keeps its checkpoint (in the data directory)
 * @param nodeId this Corral node's stable id (the server's {@code data.dir/node-id}), part of every WAL-derived document {@code _id}
 * @param indexPrefix daily indices are {@code <prefix>-YYYY.MM.DD}; lower case, as OpenSearch requires
 * @param shards primary shards per daily index
 * @param replicas replicas per shard (0 on one node; 1 or more on a cluster)
 * @param maxFields distinct field names per daily index; further names go under {@code overflow}
 * @param maxKeywordBytes longer strings are kept but not indexed as keywords (ignore_above)
 * @param bulkMaxDocs most documents in one {@code _bulk} request
 * @param bulkMaxBytes most body bytes in one {@code _bulk} request (a larger single document goes alone)
 * @param maxQueuedEvents most events held in memory waiting for the cluster; records past it stay
 *     in the WAL only and are read again from it once the writer has caught up
 * @param warmAfter how long after the end of its day an index is force-merged (store.warm_after)
 * @param maxAge how long after the end of its day an index is deleted; zero keeps it (retention.max_age)
 */
public record OpenSearchStoreConfig(ClientSettings client, Path directory, String nodeId, String indexPrefix,
    int shards, int replicas, int maxFields, int maxKeywordBytes, int bulkMaxDocs, long bulkMaxBytes,
    long maxQueuedEvents, Duration warmAfter, Duration maxAge) {
  public static final String DEFAULT_PREFIX = "corral";
  public static final int DEFAULT_SHARDS = 1;
  /** One node has nowhere to put a replica; a cluster sets 1. */
  public static final int DEFAULT_REPLICAS = 0;
  /** Like the local store's store.max_fields_per_partition. */
  public static final int DEFAULT_MAX_FIELDS = 1000;
  /** OpenSearch's advice for bulk requests is 5-15 MB; 5k documents of ~1 KB stay within it. */
  public static final int DEFAULT_BULK_MAX_DOCS = 5000;
  public static final long DEFAULT_BULK_MAX_BYTES = 5L * 1024 * 1024;
  /** Twice the default ingest.max_pending_events: admission refuses long before; ~0.5 GB of events at most. */
  public static final long DEFAULT_MAX_QUEUED_EVENTS = 200_000;
  /** Index names: lower case, no separators OpenSearch forbids. */
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");

  public OpenSearchStoreConfig {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(nodeId, "nodeId");
    if (!PREFIX.matcher(indexPrefix).matches()) {
      throw new IllegalArgumentException("store.opensearch.index_prefix '" + indexPrefix
          + "' is not a valid index name start: lower-case letters, digits, '_', '-', '.'; not starting with one of those signs");
    }
    positive("store.opensearch.shards", shards);
    if (replicas < 0) {
      throw new IllegalArgumentException("store.opensearch.replicas (" + replicas + ") must not be negative");
    }
    positive("store.opensearch.max_fields", maxFields);
    positive("store.max_keyword_bytes", maxKeywordBytes);
    positive("store.opensearch.bulk_max_docs", bulkMaxDocs);
    positive("store.opensearch.bulk_max_bytes", bulkMaxBytes);
    positive("maxQueuedEvents", maxQueuedEvents);
    if (warmAfter.isNegative() || maxAge.isNegative()) {
      throw new IllegalArgumentException("store.warm_after (" + warmAfter + ") and retention.max_age (" + maxAge
          + ") must not be negative");
    }
  }

  /** Defaults for everything but where the cluster is, where the checkpoint lives and who this node is. */
  public static OpenSearchStoreConfig of(ClientSettings client, Path directory, String nodeId) {
    return new OpenSearchStoreConfig(client, directory, nodeId, DEFAULT_PREFIX, DEFAULT_SHARDS, DEFAULT_REPLICAS,
        DEFAULT_MAX_FIELDS, EventMappings.DEFAULT_MAX_KEYWORD_BYTES, DEFAULT_BULK_MAX_DOCS, DEFAULT_BULK_MAX_BYTES, DEFAULT_MAX_QUEUED_EVENTS,
        Duration.ofDays(1), Duration.ZERO);
  }

  public OpenSearchStoreConfig withMaxKeywordBytes(int bytes) {
    return new OpenSearchStoreConfig(client, directory, nodeId, indexPrefix, shards, replicas, maxFields, bytes,
        bulkMaxDocs, bulkMaxBytes, maxQueuedEvents, warmAfter, maxAge);
  }

  public OpenSearchStoreConfig withPrefix(String prefix) {
    return new OpenSearchStoreConfig(client, directory, nodeId, prefix, shards, replicas, maxFields, maxKeywordBytes,
        bulkMaxDocs, bulkMaxBytes, maxQueuedEvents, warmAfter, maxAge);
  }

  public OpenSearchStoreConfig withMaxFields(int fields) {
    return new OpenSearchStoreConfig(client, directory, nodeId, indexPrefix, shards, replicas, fields, maxKeywordBytes,
        bulkMaxDocs, bulkMaxBytes, maxQueuedEvents, warmAfter, maxAge);
  }

  public OpenSearchStoreConfig withBulkLimits(int docs, long bytes) {
    return new OpenSearchStoreConfig(client, directory, nodeId, indexPrefix, shards, replicas, maxFields, maxKeywordBytes,
        docs, bytes, maxQueuedEvents, warmAfter, maxAge);
  }

  public OpenSearchStoreConfig withMaxQueuedEvents(long events) {
    return new OpenSearchStoreConfig(client, directory, nodeId, indexPrefix, shards, replicas, maxFields, maxKeywordBytes,
        bulkMaxDocs, bulkMaxBytes, events, warmAfter, maxAge);
  }

  public OpenSearchStoreConfig withLifecycle(Duration warm, Duration age) {
    return new OpenSearchStoreConfig(client, directory, nodeId, indexPrefix, shards, replicas, maxFields, maxKeywordBytes,
        bulkMaxDocs, bulkMaxBytes, maxQueuedEvents, warm, age);
  }

  /** The pattern every daily index matches: {@code <prefix>-*}. */
  public String indexPattern() {
    return indexPrefix + "-*";
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " (" + value + ") must be at least 1");
    }
  }
}
