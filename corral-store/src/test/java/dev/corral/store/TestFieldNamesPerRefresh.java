package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreSearcher#fieldNames()}: learnt per reader refresh and per commit read, never scanned per query. */
class TestFieldNamesPerRefresh {
  @TempDir Path dir;
  private final TestWal wal = new TestWal();

  @Test
  void namesAppearAfterARefreshAndNoQueryScansFieldInfos() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, List.of(event("2026-11-20T10:00:00Z", "a", Map.of("service", "api"))));
      store.awaitIndexed();
      assertThat(store.searcher().fieldNames()).contains("service").doesNotContain("region");

      wal.appendAndSubmit(store, List.of(event("2026-11-20T10:00:01Z", "b", Map.of("region", "eu"))));
      store.awaitIndexed(); // a refresh
      assertThat(store.searcher().fieldNames()).contains("service", "region");

      long scans = store.searcher().fieldNameScansForTest();
      for (int i = 0; i < 20; i++) {
        all(store);
        store.searcher().fieldNames();
      }
      assertThat(store.searcher().fieldNameScansForTest()).as("segments scanned for names by 20 queries").isEqualTo(scans);
    }
  }

  @Test
  void aDroppedPartitionLeavesNoStaleNames() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, List.of(event("2026-11-19T10:00:00Z", "a", Map.of("shared", 1L, "only_old", "x")),
          event("2026-11-20T10:00:00Z", "b", Map.of("shared", 2L, "only_new", "y"))));
      store.awaitIndexed();
      assertThat(store.searcher().fieldNames()).contains("shared", "only_old", "only_new");

      store.lifecycle().drop(LocalDate.parse("2026-11-19"));
      store.searcher().partitions(); // nothing to refresh: the names must be gone already
      assertThat(store.searcher().fieldNames()).contains("shared", "only_new").doesNotContain("only_old");
    }
  }

  @Test
  void aReopenedStoreKnowsEveryDaysNamesFromItsCommitsWithoutOpeningAReader() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, List.of(event("2026-11-19T10:00:00Z", "a", Map.of("day1", 1L)),
          event("2026-11-20T10:00:00Z", "b", Map.of("day2", "y"))));
      store.awaitIndexed();
      store.commit();
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(reopened.searcher().fieldNames()).contains("day1", "day2");
      assertThat(reopened.searcher().openReaders()).isZero();
      assertThat(reopened.openWriters()).isZero();

      long scans = reopened.searcher().fieldNameScansForTest();
      assertThat(all(reopened).total()).isEqualTo(2);
      assertThat(reopened.searcher().openReaders()).as("the query opened the days' readers").isEqualTo(2);
      assertThat(reopened.searcher().fieldNameScansForTest()).as("a reader over a known commit is not scanned").isEqualTo(scans);
    }
  }
}
