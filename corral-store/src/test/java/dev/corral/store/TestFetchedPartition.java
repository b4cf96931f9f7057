package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.LogEvent;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.plan.QueryPlan;
import dev.corral.store.search.QueryLimits;
import dev.corral.store.search.QueryRequest;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FetchedPartition}: a day's commit copied out of the store (as the archive fetches it back)
 * opens read-only and is searched beside the store's partitions for the request's window only.
 */
class TestFetchedPartition {
  private static final LocalDate OLD = LocalDate.parse("2026-11-18");
  private static final LocalDate NEW = LocalDate.parse("2026-11-19");

  @TempDir Path dir;
  @TempDir Path copies;
  private final TestWal wal = new TestWal();

  private static List<LogEvent> events(LocalDate day, int count) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(day + "T10:00:" + String.format("%02d", i % 60) + "Z", "event " + i, Map.of("service", "s")));
    }
    return events;
  }

  private static QueryRequest request(LocalDate from, LocalDate to) {
    return new QueryRequest(QueryPlan.of(new MatchAll()), DayBounds.firstNanos(from), DayBounds.lastNanos(to), 1000,
        StoreTesting.NOW, Duration.ofDays(1), QueryLimits.DEFAULTS);
  }

  @Test
  void aCopiedDayIsSearchedBesideTheStoresPartitionsWithinTheWindowOnly() throws Exception {
    Path copy = copies.resolve(OLD.toString());
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, events(OLD, 30));
      wal.appendAndSubmit(store, events(NEW, 20));
      store.awaitIndexed();
      store.commit();
      try (PartitionSnapshot snapshot = store.lifecycle().snapshot(OLD, copies.resolve("links")).orElseThrow()) {
        Files.createDirectories(copy);
        for (Path file : snapshot.files()) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
      assertThat(store.lifecycle().drop(OLD)).isTrue();

      try (FetchedPartition fetched = FetchedPartition.open(OLD, copy)) {
        QueryResult both = store.searcher().query(request(OLD, NEW), List.of(fetched));
        QueryResult newOnly = store.searcher().query(request(NEW, NEW), List.of(fetched));

        assertThat(fetched.events()).isEqualTo(30);
        assertThat(both.total()).isEqualTo(50);
        assertThat(both.partitionsRead()).containsExactly(NEW.toString(), OLD.toString());
        assertThat(newOnly.total()).as("outside the window: skipped").isEqualTo(20);
        assertThat(store.searcher().partitions()).extracting(PartitionInfo::day).containsExactly(NEW);
      }
      try (Stream<Path> files = Files.list(copy)) {
        assertThat(files).as("opened read-only: no lock, nothing written").noneMatch(
            file -> file.getFileName().toString().equals("write.lock"));
      }
    }
  }

  @Test
  void aDirectoryWithoutACommitIsRefusedNamingIt() {
    assertThatThrownBy(() -> FetchedPartition.open(OLD, copies)).isInstanceOf(IOException.class)
        .hasMessageContaining(copies.toString()).hasMessageContaining(OLD.toString());
  }
}
