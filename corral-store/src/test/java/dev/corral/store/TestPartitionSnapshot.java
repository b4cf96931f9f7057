package dev.corral.store;

import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PartitionLifecycle#snapshot}: one commit's files, whole whatever the day does next. */
class TestPartitionSnapshot {
  private static final LocalDate DAY = LocalDate.parse("2026-11-19");

  @TempDir Path dir;
  @TempDir Path snapshots;
  private final TestWal wal = new TestWal();

  private static List<LogEvent> events(int count, String service, int minute) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(DAY + "T10:" + String.format("%02d:%02d", minute, i % 60) + "Z", "event " + i,
          Map.of("service", service)));
    }
    return events;
  }

  private static int readableEvents(Path snapshot) throws Exception {
    try (FSDirectory directory = FSDirectory.open(snapshot); DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.numDocs();
    }
  }

  @Test
  void aSnapshotStaysWholeThroughLateEventsACompactionAndADropAndItsInfoIsTheCommits() throws Exception {
    Path into = snapshots.resolve("s");
    try (LogStore store = LogStore.open(config(dir))) {
      wal.appendAndSubmit(store, events(30, "checkout", 0));
      wal.appendAndSubmit(store, events(20, "payment", 5));
      store.awaitIndexed();
      store.commit();
      store.lifecycle().compact(DAY);
      long generation = store.lifecycle().lastCommitGeneration(DAY).orElseThrow();
      try (PartitionSnapshot snapshot = store.lifecycle().snapshot(DAY, into).orElseThrow()) {
        PartitionSnapshot.Info info = snapshot.info();
        assertThat(info.day()).isEqualTo(DAY);
        assertThat(info.generation()).isEqualTo(generation);
        assertThat(info.tier()).isEqualTo(Tier.WARM);
        assertThat(info.events()).isEqualTo(50);
        assertThat(info.services()).containsExactly("checkout", "payment");
        assertThat(info.firstEvent()).contains(Instant.parse(DAY + "T10:00:00Z"));
        assertThat(info.lastEvent()).contains(Instant.parse(DAY + "T10:05:19Z"));
        assertThat(snapshot.files()).allMatch(Files::isRegularFile)
            .anyMatch(file -> file.getFileName().toString().equals("segments_" + Long.toString(generation, 36)));

        wal.appendAndSubmit(store, events(7, "late", 9)); // late events: a new commit of the day
        store.awaitIndexed();
        store.commit();
        store.lifecycle().compact(DAY); // merged away: the old segment's names leave the partition
        assertThat(store.lifecycle().lastCommitGeneration(DAY).orElseThrow()).isGreaterThan(generation);
        assertThat(store.lifecycle().drop(DAY)).isTrue();
        assertThat(store.lifecycle().lastCommitGeneration(DAY)).isEmpty();

        assertThat(readableEvents(into)).isEqualTo(50);
      }
      assertThat(into).doesNotExist();
      assertThat(store.lifecycle().snapshot(DAY, into)).isEmpty();
    }
  }
}
