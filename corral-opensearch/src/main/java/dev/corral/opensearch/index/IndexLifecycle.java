package dev.corral.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.opensearch.client.OpenSearchClient;
import java.io.IOException;

/**
 * Who applies the lifecycle (hot → warm → delete): the cluster's ISM plugin when {@code GET
 * _cat/plugins} lists it on a node ({@link LifecyclePolicy} is installed), else Corral itself
 * ({@link LifecyclePass}, run periodically by the store). Stateless.
 */
public final class IndexLifecycle {
  /** The ISM plugin's component name in {@code _cat/plugins}. */
  static final String ISM_PLUGIN = "opensearch-index-management";

  private IndexLifecycle() {}

  /** Whether any node of the cluster has the ISM plugin. */
  public static boolean clusterHasIsm(OpenSearchClient client) throws IOException, InterruptedException {
    JsonNode plugins = client.get("/_cat/plugins?format=json").requireSuccess().json();
    for (JsonNode plugin : plugins) {
      if (ISM_PLUGIN.equals(plugin.path("component").asText())) {
        return true;
      }
    }
    return false;
  }
}
