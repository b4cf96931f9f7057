package dev.corral.server.storage;

import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.index.OpenSearchStore;
import dev.corral.opensearch.index.OpenSearchStoreConfig;
import dev.corral.server.config.OpenSearchSection;
import dev.corral.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Opens the OpenSearch store ({@code store.backend: opensearch}, module corral-opensearch) from the
 * server's settings: the cluster's URLs, credentials and TLS from {@code store.opensearch.*}, the
 * indices' lifecycle from {@code store.warm_after} and {@code retention.max_age}, the keyword limit
 * from {@code store.max_keyword_bytes}, the store's checkpoint under {@code data.dir/opensearch} and
 * this node's id in every document id it derives from the WAL.
 */
public final class OpenSearchBackend {
  /** The store's own files (its checkpoint) under the data directory. */
  static final String DIRECTORY = "opensearch";

  private OpenSearchBackend() {}

  /**
   * The opener of the cluster store for {@link StoreService}.
   *
   * @param nodeId this node's id, read when the store opens (the data directory has started by then)
   */
  public static StoreService.Opener opener(ServerConfig config, Supplier<NodeId> nodeId) {
    return () -> OpenSearchStore.open(storeConfig(config, config.dataDir().resolve(DIRECTORY), nodeId.get()));
  }

  static OpenSearchStoreConfig storeConfig(ServerConfig config, Path directory, NodeId nodeId) {
    OpenSearchSection section = config.openSearch();
    ClientSettings client = ClientSettings.of(section.urls()).withTls(section.caFile(), section.verifyHostname());
    if (!section.username().isEmpty()) {
      client = client.withCredentials(section.username(), section.password());
    }
    return new OpenSearchStoreConfig(client, directory, nodeId.value(), section.indexPrefix(), section.shards(),
        section.replicas(), section.maxFields(), config.store().maxKeywordBytes(), section.bulkMaxDocs(),
        section.bulkMaxBytes(), OpenSearchStoreConfig.DEFAULT_MAX_QUEUED_EVENTS, config.store().warmAfter(),
        config.retention().maxAge());
  }
}
