package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartitionLifecycle#mergeArchivedCopy}: an archived copy of a day (a whole Lucene commit
 * from outside the store) added to the partition that late events started, the generation merged
 * kept by every later commit and across a restart.
 */
class TestMergeArchivedCopy {
  private static final LocalDate DAY = LocalDate.parse("2026-11-19");

  @TempDir Path dir;
  @TempDir Path archivedStore;
  @TempDir Path copy;
  private final TestWal wal = new TestWal();

  private static List<LogEvent> events(int count, String tag) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(Instant.parse(DAY + "T10:00:00Z").plusSeconds(i), Level.INFO, tag + " " + i, Map.of("tag", tag)));
    }
    return events;
  }

  /** The last commit of a warm partition of DAY holding {@code count} events, as the archive uploads it. */
  private void archivedCopyOf(int count) throws Exception {
    TestWal other = new TestWal();
    try (LogStore store = LogStore.open(config(archivedStore))) {
      other.appendAndSubmit(store, events(count, "archived"));
      store.awaitIndexed();
      store.commit();
      store.lifecycle().compact(DAY);
      try (PartitionSnapshot snapshot = store.lifecycle().snapshot(DAY, archivedStore.resolve("snapshot")).orElseThrow()) {
        for (Path file : snapshot.files()) {
          java.nio.file.Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
    }
  }

  @Test
  void theCopysEventsJoinTheLateOnesAndTheMarkOutlivesLaterCommitsAndARestart() throws Exception {
    archivedCopyOf(50);
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, events(7, "late"));
      store.awaitIndexed();
      store.commit();
      store.lifecycle().compact(DAY);
      assertThat(store.lifecycle().archivedCopy(DAY)).isEmpty();

      assertThat(store.lifecycle().mergeArchivedCopy(DAY, copy, 42)).contains(50L);

      assertThat(all(store).total()).isEqualTo(57);
      assertThat(store.lifecycle().archivedCopy(DAY)).hasValue(42);
      wal.appendAndSubmit(store, events(3, "later"));
      store.awaitIndexed();
      store.commit();
      assertThat(store.lifecycle().archivedCopy(DAY)).as("a later commit keeps the mark").hasValue(42);
      assertThat(store.lifecycle().mergeArchivedCopy(LocalDate.parse("2020-01-01"), copy, 1)).isEmpty();
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).as("the merge is committed").isZero();
      reopened.awaitIndexed();
      assertThat(all(reopened).total()).isEqualTo(60);
      assertThat(reopened.lifecycle().archivedCopy(DAY)).hasValue(42);
    }
  }
}
