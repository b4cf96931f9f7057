package dev.corral.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's fault "a retention drop while a long query runs over that day", on a real server: a
 * search that has acquired the old day is held between its snapshot and its execution (the store's
 * {@link StoreSearcher#afterSnapshot} seam, reachable from this package), retention drops the day
 * meanwhile, and the search completes with the day's events; the files go when it ends. In package
 * {@code dev.corral.store} only to reach that package-private seam.
 */
class RetentionDropUnderQueryTest {
  @TempDir Path dir;

  private List<String> partitionDirectories() throws Exception {
    try (Stream<Path> children = Files.list(dir.resolve("partitions"))) {
      return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aSearchHoldingTheDayCompletesWithItsEventsAndTheFilesGoWhenItEnds() throws Exception {
    String old = LocalDate.now(ZoneOffset.UTC).minusDays(40).toString();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    AtomicReference<Supplier<LogStore>> store = new AtomicReference<>();
    try (TestServer server = TestServer.startWithStore(dir, Map.of("retention.max_age", "30d"), store)) {
      StringBuilder ndjson = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        ndjson.append("{\"timestamp\":\"").append(old).append("T08:00:00Z\",\"message\":\"old ").append(i).append("\"}\n");
      }
      ndjson.append("{\"timestamp\":\"").append(today).append("T00:00:00Z\",\"message\":\"today\"}\n");
      assertThat(server.ingest(ndjson.toString()).status()).isEqualTo(200);
      server.awaitTotal("*", 31);

      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch dropped = new CountDownLatch(1);
      AtomicBoolean first = new AtomicBoolean(true);
      store.get().get().searcher().afterSnapshot = snapshots -> {
        if (first.compareAndSet(true, false)) {
          holding.countDown();
          try {
            dropped.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      CompletableFuture<JsonNode> longQuery = CompletableFuture.supplyAsync(() -> server.search("message:old"));
      holding.await();

      TestServer.Reply run = server.post("/api/v1/admin/retention/run", new byte[0]);
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      assertThat(run.json().get("deletions")).extracting(d -> d.get("day").asText()).containsExactly(old);
      assertThat(partitionDirectories()).as("a tombstone stays for the running query")
          .anySatisfy(name -> assertThat(name).startsWith(old + ".dropped-")).contains(today);
      assertThat(server.search("*").get("total").asLong()).as("a search after the drop").isEqualTo(1);
      assertThat(longQuery).isNotDone();

      dropped.countDown();
      assertThat(longQuery.get().get("total").asLong()).as("the search that held the day").isEqualTo(30);
      assertThat(partitionDirectories()).as("deleted when the search released it").containsExactly(today);
    }
  }
}
