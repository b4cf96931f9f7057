package dev.corral.store;

import static dev.corral.store.StoreTesting.count;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.parse;
import static dev.corral.store.StoreTesting.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.query.ast.Exists;
import dev.corral.query.ast.Term;
import dev.corral.store.search.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreLimits#maxFieldsPerPartition()}: beyond the cap, a partition does not index fields of
 * new names, keeps them in the source and finds them by {@code name:*}; the count survives a restart
 * and is per partition.
 */
class TestFieldsPerPartitionCap {
  private static final int MAX_FIELDS = 3;

  @TempDir Path dir;
  private final TestWal wal = new TestWal();

  private StoreConfig config() {
    return StoreTesting.config(dir).withLimits(new StoreLimits(StoreLimits.DEFAULT_MAX_OPEN_WRITERS,
        StoreLimits.DEFAULT_MAX_OPEN_READERS, MAX_FIELDS, Duration.ofHours(1)));
  }

  @Test
  void fieldsOfNewNamesBeyondTheCapStayInTheSourceAndAreFoundByExists() throws Exception {
    try (LogStore store = LogStore.open(config())) {
      wal.appendAndSubmit(store, List.of(
          event("2026-11-20T10:00:00Z", "first", Map.of("a", "1", "b", "x", "c", 7L)),
          event("2026-11-20T10:00:01Z", "over", Map.of("a", "2", "d", "late", "e", 5L)),
          event("2026-11-19T10:00:00Z", "other day", Map.of("d", "late"))));
      store.awaitIndexed();
      assertThat(count(store, new Term("a", "2"))).isEqualTo(1);
      assertThat(count(store, new Term("c", "7"))).isEqualTo(1);
      assertThat(count(store, new Term("d", "late"))).as("d indexed only where the cap left room").isEqualTo(1);
      assertThat(count(store, new Exists("d"))).isEqualTo(2);
      assertThat(count(store, new Exists("e"))).isEqualTo(1);
      assertThat(count(store, new Term("e", "5"))).isZero();
      QueryResult over = search(store, new Term("message", "over"), 10);
      assertThat(parse(over.events().get(0)).fields().get("d")).isEqualTo("late");
      assertThat(parse(over.events().get(0)).fields().get("e")).isEqualTo(5L);
      store.commit();
    }
    try (LogStore reopened = LogStore.open(config())) {
      wal.appendAndSubmit(reopened, List.of(event("2026-11-20T11:00:00Z", "after restart", Map.of("b", "y", "f", "z"))));
      reopened.awaitIndexed();
      assertThat(count(reopened, new Term("b", "y"))).as("a name indexed before the restart still is").isEqualTo(1);
      assertThat(count(reopened, new Term("f", "z"))).as("the cap is read back from the index").isZero();
      assertThat(count(reopened, new Exists("f"))).isEqualTo(1);
    }
  }
}
