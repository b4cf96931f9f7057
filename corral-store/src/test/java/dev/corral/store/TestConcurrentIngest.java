package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Term;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConcurrentIngest {
  @TempDir Path dir;

  @Test
  void searchesAndCommitsDuringIngestSeeConsistentCounts() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("searchesAndCommitsDuringIngestSeeConsistentCounts seed=" + seed);
    Random random = new Random(seed);
    List<Long> checkpoints = new CopyOnWriteArrayList<>();
    StoreConfig config = config(dir, checkpoints).withIntervals(Duration.ofMillis(10), Duration.ofMillis(30));
    TestWal wal = new TestWal();
    int records = 200;
    int perRecord = 50;
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> searchError = new AtomicReference<>();
    try (LogStore store = LogStore.open(config)) {
      Thread searcher = new Thread(() -> {
        long lastTotal = 0;
        try {
          while (!done.get()) {
            long total = StoreTesting.count(store, new MatchAll());
            assertThat(total).as("visible events never decrease").isGreaterThanOrEqualTo(lastTotal);
            lastTotal = total;
            QueryResult errors = StoreTesting.search(store, new Term("level", "error"), 20);
            assertThat(errors.events()).allSatisfy(e -> assertThat(StoreTesting.parse(e).level()).isEqualTo(Level.ERROR));
            store.searcher().partitions();
          }
        } catch (Throwable t) {
          searchError.set(t);
        }
      }, "test-searcher");
      searcher.start();
      Instant base = Instant.parse("2026-11-21T12:00:00Z");
      int id = 0;
      for (int r = 0; r < records; r++) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < perRecord; i++) {
          Instant time = base.minus(Duration.ofHours(random.nextInt(48))).plusMillis(random.nextInt(1000));
          events.add(event(time, i % 10 == 0 ? Level.ERROR : Level.INFO, "concurrent " + id, Map.of("id", "c" + id++)));
        }
        wal.appendAndSubmit(store, events);
        if (r % 50 == 49) {
          store.commit();
        }
      }
      store.awaitIndexed();
      done.set(true);
      searcher.join();
      assertThat(searchError.get()).isNull();
      assertThat(StoreTesting.count(store, new MatchAll())).isEqualTo((long) records * perRecord);
      assertThat(StoreTesting.count(store, new Term("level", "ERROR"))).isEqualTo((long) records * perRecord / 10);
      store.commit();
      assertThat(store.checkpoint()).isEqualTo(wal.end());
      assertThat(checkpoints).isSorted();
      assertThat(store.searcher().partitions().stream().mapToLong(PartitionInfo::docCount).sum())
          .isEqualTo((long) records * perRecord);
    }
  }
}
