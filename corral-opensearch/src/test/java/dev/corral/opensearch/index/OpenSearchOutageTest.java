package dev.corral.opensearch.index;

import static dev.corral.opensearch.index.TestEvents.await;
import static dev.corral.opensearch.index.TestEvents.count;
import static dev.corral.opensearch.index.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.opensearch.client.ClientSettings;
import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.node.ChildJvm;
import dev.corral.opensearch.node.OpenSearchTestNode;
import dev.corral.store.StoreException;
import dev.corral.store.TestWal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster goes away while Corral writes (the node stopped with SIGTERM) and comes back: the
 * store says why it does not write, its backlog grows (past its memory bound: the rest waits in the
 * WAL), and after the restart every event arrives exactly once, without anyone's help.
 */
class OpenSearchOutageTest {
  @RegisterExtension
  static final OpenSearchTestNode node = new OpenSearchTestNode();

  @TempDir
  Path data;

  @Test
  void aStoppedNodeBacksIngestUpAndEverythingArrivesOnceAfterItsRestart() throws Exception {
    OpenSearchStoreConfig config = OpenSearchStoreConfig.of(ClientSettings.of(List.of(node.url())), data, "node-a")
        .withPrefix("outage").withBulkLimits(20, 1 << 20).withMaxQueuedEvents(50);
    TestWal wal = new TestWal();
    Instant now = Instant.now();
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      store.recoverWith(wal.replaySource());
      for (int r = 0; r < 5; r++) {
        wal.appendAndSubmit(store, numbered(now, "before", r * 20, 20));
      }
      store.awaitIndexed();
      long before = store.checkpoint();

      node.stop();
      for (int r = 0; r < 10; r++) {
        wal.appendAndSubmit(store, numbered(now, "during", r * 20, 20));
      }
      await(() -> store.failure().isPresent());
      Optional<StoreException> failure = store.failure();
      assertThat(failure).isPresent();
      assertThat(failure.get().getMessage()).contains("OpenSearch store not writing").contains(node.url().toString());
      assertThat(store.pendingEvents()).as("nothing acknowledged while the node is down").isEqualTo(200);
      wal.appendAndSubmit(store, numbered(now, "during", 200, 20));
      assertThat(store.pendingEvents()).as("the backlog grows (150 of it past the queue's bound, in the WAL only)")
          .isEqualTo(220);
      assertThat(store.checkpoint()).isEqualTo(before);

      node.restart();
      await(() -> store.pendingEvents() == 0);
      store.awaitIndexed();
      assertThat(store.failure()).isEmpty();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
    }
    try (OpenSearchClient client = node.client()) {
      assertThat(count(client, "outage-*")).as("exactly once").isEqualTo(320);
    }
  }

  @Test
  void aClusterDownAtStartIsNamedAndTheStoreStillTakesRecords() throws Exception {
    URI dead = URI.create("http://127.0.0.1:" + ChildJvm.freePort());
    OpenSearchStoreConfig config = OpenSearchStoreConfig.of(ClientSettings.of(List.of(dead)), data, "node-a");
    try (OpenSearchStore store = OpenSearchStore.open(config)) {
      new TestWal().appendAndSubmit(store, numbered(Instant.now(), "early", 0, 3));
      await(() -> store.failure().isPresent());
      assertThat(store.failure().get().getMessage()).contains("cannot prepare the cluster").contains(dead + " unreachable");
      assertThat(store.pendingEvents()).isEqualTo(3);
      assertThat(store.checkpoint()).isZero();
    }
  }
}
