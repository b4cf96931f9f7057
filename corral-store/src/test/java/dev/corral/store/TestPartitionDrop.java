package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PartitionLifecycle#drop}: reference-counted against running queries, crash-safe through a tombstone. */
class TestPartitionDrop {
  private static final LocalDate OLD_DAY = LocalDate.parse("2026-11-19");
  private static final LocalDate NEW_DAY = LocalDate.parse("2026-11-20");

  @TempDir Path dir;
  private final TestWal wal = new TestWal();

  private static List<LogEvent> events(LocalDate day, int count, String field) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(day + "T10:00:" + String.format("%02d", i % 60) + "Z", "event " + i, Map.of("id", day + "-" + i,
          field, "v")));
    }
    return events;
  }

  private LogStore storeWithTwoDays() throws Exception {
    LogStore store = LogStore.open(config(dir));
    wal.appendAndSubmit(store, events(OLD_DAY, 30, "only_old"));
    wal.appendAndSubmit(store, events(NEW_DAY, 20, "only_new"));
    store.awaitIndexed();
    store.commit();
    return store;
  }

  private List<Path> children() throws Exception {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).map(Path::getFileName).sorted().toList();
    }
  }

  @Test
  void aQueryHoldingThePartitionCompletesWithItsEventsAndTheFilesGoWhenItEnds() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      HeldQuery running = HeldQuery.start(store);

      assertThat(store.lifecycle().drop(OLD_DAY)).isTrue();
      assertThat(children()).as("renamed to a tombstone, still on disk for the running query")
          .hasSize(2).anySatisfy(p -> assertThat(p.toString()).startsWith(OLD_DAY + ".dropped-"))
          .contains(Path.of(NEW_DAY.toString()));
      assertThat(all(store).total()).as("a query after the drop").isEqualTo(20);
      assertThat(store.searcher().partitions()).extracting(PartitionInfo::day).containsExactly(NEW_DAY);
      assertThat(running.isDone()).isFalse();

      assertThat(running.release().total()).as("the query that held the dropped partition").isEqualTo(50);
      assertThat(children()).as("deleted when the last holder released it").containsExactly(Path.of(NEW_DAY.toString()));
    }
  }

  @Test
  void aDropWithNoQueryDeletesAtOnceAndTheDayStartsAfreshWithItsNextEvent() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      assertThat(store.lifecycle().drop(OLD_DAY)).isTrue();
      assertThat(store.lifecycle().drop(OLD_DAY)).as("gone already").isFalse();
      assertThat(children()).containsExactly(Path.of(NEW_DAY.toString()));

      wal.appendAndSubmit(store, events(OLD_DAY, 3, "late"));
      store.awaitIndexed();
      store.commit();
      assertThat(all(store).total()).isEqualTo(23);
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      reopened.awaitIndexed();
      assertThat(all(reopened).total()).isEqualTo(23);
    }
  }

  @Test
  void aDropWhileRecordsOfTheDayAreBeingIndexedKeepsTheStoreTakingWritesAndLaterEventsExactlyOnce() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      for (int i = 0; i < 40; i++) { // not awaited: some are queued or being applied when the drop comes
        wal.appendAndSubmit(store, List.of(event(OLD_DAY + "T11:00:00Z", "before", Map.of("id", "before-" + i))));
      }
      assertThat(store.lifecycle().drop(OLD_DAY)).isTrue();
      for (int i = 0; i < 10; i++) {
        wal.appendAndSubmit(store, List.of(event(OLD_DAY + "T12:00:00Z", "after", Map.of("id", "after-" + i))));
      }
      store.awaitIndexed();
      store.commit();

      assertThat(store.failure()).isEmpty();
      List<String> ids = StoreTesting.ids(all(store));
      assertThat(ids).doesNotHaveDuplicates().filteredOn(id -> id.startsWith("after-")).hasSize(10);
      assertThat(ids).filteredOn(id -> id.startsWith(NEW_DAY.toString())).hasSize(20);
      assertThat(ids).as("the day's events indexed before the drop").noneMatch(id -> id.startsWith(OLD_DAY + "-"));
    }
  }

  @Test
  void aCrashBeforeTheFilesAreDeletedLeavesATombstoneThatTheNextOpenDeletes() throws Exception {
    LogStore store = storeWithTwoDays();
    AcquiredSearcher held = store.searcher().acquireForTest(OLD_DAY); // a query still running at the crash
    assertThat(store.lifecycle().drop(OLD_DAY)).isTrue();
    assertThat(children()).hasSize(2);
    store.crashForTest();

    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(children()).as("the tombstone is gone, the other day whole").containsExactly(Path.of(NEW_DAY.toString()));
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      reopened.awaitIndexed();
      assertThat(all(reopened).total()).isEqualTo(20);
      assertThat(reopened.searcher().fieldNames()).contains("only_new").doesNotContain("only_old");
    } finally {
      held.close(); // finds its tombstone deleted already
    }
  }
}
