package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.count;
import static dev.corral.opensearch.index.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.node.ChildJvm;
import dev.corral.opensearch.node.NodeOptions;
import dev.corral.opensearch.node.OpenSearchProcess;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.store.TestWal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand (two node starts): a cluster of two child JVMs with one replica per shard; the store
 * writes through both URLs, and when the node its requests go to stops, it fails over to the other
 * and loses nothing. Run with {@code -Dcorral.perf=true}.
 */
@EnabledIfSystemProperty(named = "corral.perf", matches = "true")
class TwoNodeClusterTest {
  @TempDir
  Path tmp;

  @Test
  void theStoreFailsOverWhenANodeOfTheClusterStops() throws Exception {
    int firstTransport = ChildJvm.freePort();
    int secondTransport = ChildJvm.freePort();
    try (OpenSearchProcess first = OpenSearchProcess.start(OpenSearchTestNode.launcher(), ChildJvm.freePort(),
        tmp.resolve("n1"), tmp.resolve("n1.log"), NodeOptions.member("n1", firstTransport, "n1", firstTransport));
        OpenSearchProcess second = OpenSearchProcess.start(OpenSearchTestNode.launcher(), ChildJvm.freePort(),
            tmp.resolve("n2"), tmp.resolve("n2.log"), NodeOptions.member("n2", secondTransport, "n1", firstTransport));
        OpenSearchClient client = new OpenSearchClient(ClientSettings.of(List.of(first.base())))) {
      assertThat(client.get("/_cluster/health?wait_for_nodes=2").requireSuccess().json().path("number_of_nodes").asInt())
          .isEqualTo(2);
      List<URI> urls = List.of(second.base(), first.base());
      OpenSearchStoreConfig base = OpenSearchStoreConfig.of(ClientSettings.of(urls), tmp.resolve("data"), "node-a");
      OpenSearchStoreConfig config = new OpenSearchStoreConfig(base.client(), base.directory(), base.nodeId(), "pair",
          1, 1, base.maxFields(), base.maxKeywordBytes(), base.bulkMaxDocs(), base.bulkMaxBytes(),
          base.maxQueuedEvents(), base.warmAfter(), base.maxAge());
      TestWal wal = new TestWal();
      try (OpenSearchStore store = OpenSearchStore.open(config)) {
        wal.appendAndSubmit(store, numbered(Instant.now(), "pair", 0, 50));
        store.awaitIndexed();
        assertThat(client.get("/_cluster/health/pair-*?wait_for_status=green").requireSuccess().json()
            .path("active_shards").asInt()).as("one primary and its replica").isEqualTo(2);

        second.close(); // the node the store's requests went to
        wal.appendAndSubmit(store, numbered(Instant.now(), "pair", 50, 50));
        store.awaitIndexed();
        assertThat(store.checkpoint()).isEqualTo(wal.end());
      }
      assertThat(count(client, "pair-*")).isEqualTo(100);
    }
  }
}
