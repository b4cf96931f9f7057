package dev.corral.store;

import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.store.codec.WarmCodec;
import dev.corral.store.search.QueryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWarmCompaction {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final LocalDate NEXT_DAY = LocalDate.parse("2026-11-21");
  private static final String MODE_KEY = Lucene90StoredFieldsFormat.class.getSimpleName() + ".mode";

  @TempDir Path dir;
  private final TestWal wal = new TestWal();
  private final Random random = new Random(7);
  private int nextId;

  /** Events spread over DAY and NEXT_DAY, with repetitive fields like real logs. */
  private List<LogEvent> batch(int size) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      LocalDate day = random.nextBoolean() ? DAY : NEXT_DAY;
      Instant time = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusMillis(random.nextInt(86_400_000));
      int id = nextId++;
      events.add(event(time, i % 10 == 0 ? Level.ERROR : Level.INFO, "request " + id + " served in "
          + random.nextInt(500) + " ms", Map.of("id", "id" + id, "service", "svc-" + random.nextInt(5),
          "performance.duration_ms", (long) random.nextInt(500))));
    }
    return events;
  }

  private void ingest(LogStore store, int batches, int size) throws Exception {
    for (int b = 0; b < batches; b++) {
      wal.appendAndSubmit(store, batch(size));
      if (b % 5 == 4) {
        store.awaitIndexed();
        store.commit(); // several segments, as a day of ingest leaves
      }
    }
    store.awaitIndexed();
  }

  private SegmentInfos segments(LocalDate day) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir.resolve(day.toString()))) {
      return SegmentInfos.readLatestCommit(directory);
    }
  }

  /** No merged-away segment is left on disk: the directory holds the latest commit's files only. */
  private void assertOnlyLatestCommitFiles(LocalDate day) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir.resolve(day.toString()))) {
      SegmentInfos latest = SegmentInfos.readLatestCommit(directory);
      java.util.Set<String> expected = new java.util.HashSet<>(latest.files(true));
      java.util.Set<String> present = new java.util.HashSet<>(java.util.List.of(directory.listAll()));
      present.remove("write.lock");
      assertThat(present).as("files of %s besides its latest commit", day).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static PartitionInfo partition(LogStore store, LocalDate day) throws IOException {
    return store.searcher().partitions().stream().filter(p -> p.day().equals(day)).findFirst().orElseThrow();
  }

  @Test
  void compactionMergesOneDayIntoOneWarmCodecSegmentAndKeepsEveryEvent() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      ingest(store, 20, 200);
      List<String> before = ids(all(store));
      for (SegmentCommitInfo segment : segments(DAY)) {
        assertThat(segment.info.getAttribute(MODE_KEY)).isEqualTo("BEST_SPEED");
      }
      assertThat(partition(store, DAY).tier()).isEqualTo(Tier.HOT);

      PartitionInfo warm = store.lifecycle().compact(DAY).orElseThrow().partition();

      assertThat(warm.tier()).isEqualTo(Tier.WARM);
      assertThat(warm.writerOpen()).isFalse();
      SegmentInfos segments = segments(DAY);
      assertThat(segments.size()).isEqualTo(1);
      assertThat(segments.info(0).info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
      assertThat(segments.getUserData()).containsEntry(PartitionCommitData.TIER_KEY, "warm");
      assertOnlyLatestCommitFiles(DAY);
      assertThat(ids(all(store))).containsExactlyInAnyOrderElementsOf(before);
      assertThat(partition(store, NEXT_DAY).tier()).as("other days untouched").isEqualTo(Tier.HOT);
      assertThat(segments(NEXT_DAY).info(0).info.getAttribute(MODE_KEY)).isEqualTo("BEST_SPEED");
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(partition(reopened, DAY).tier()).as("tier survives a restart").isEqualTo(Tier.WARM);
      assertThat(all(reopened).total()).isEqualTo(nextId);
    }
  }

  @Test
  void compactionWritesEachServicesEventsTogetherWithTheEventsWithoutAServiceLast() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      ingest(store, 10, 200);
      List<LogEvent> withoutService = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        withoutService.add(event(DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(i),
            Level.WARN, "no service " + i, Map.of("id", "id" + nextId++)));
      }
      wal.appendAndSubmit(store, withoutService);
      ingest(store, 10, 200);
      List<String> before = ids(all(store));

      store.lifecycle().compact(DAY).orElseThrow();

      List<String> order = new ArrayList<>(); // the service of each document, in document order
      try (FSDirectory directory = FSDirectory.open(dir.resolve(DAY.toString()));
          DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(1);
        SortedSetDocValues services = reader.leaves().get(0).reader().getSortedSetDocValues("service");
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
          order.add(services.advanceExact(doc) ? services.lookupOrd(services.nextOrd()).utf8ToString() : "(none)");
        }
      }
      List<String> runs = new ArrayList<>();
      for (String service : order) {
        if (runs.isEmpty() || !runs.getLast().equals(service)) {
          runs.add(service);
        }
      }
      assertThat(runs).as("one run per service, in service order, then the events without one")
          .containsExactly("svc-0", "svc-1", "svc-2", "svc-3", "svc-4", "(none)");
      assertThat(order.stream().filter("(none)"::equals).count()).isEqualTo(50);
      assertThat(ids(all(store))).containsExactlyInAnyOrderElementsOf(before);
    }
  }

  @Test
  void lateEventsOfAWarmDayAreIndexedInTheWarmCodecAndSurviveACrash() throws Exception {
    LogStore store = LogStore.open(config(dir));
    ingest(store, 5, 100);
    store.lifecycle().compact(DAY).orElseThrow();
    ingest(store, 5, 100); // late events of DAY (and NEXT_DAY)
    assertThat(all(store).total()).isEqualTo(nextId);
    store.commit();
    for (SegmentCommitInfo segment : segments(DAY)) {
      assertThat(segment.info.getCodec().getName()).isEqualTo(WarmCodec.NAME);
    }
    wal.appendAndSubmit(store, batch(100)); // acknowledged, never committed
    store.crashForTest();

    try (LogStore reopened = LogStore.open(config(dir))) {
      wal.replay(reopened, reopened.checkpoint());
      reopened.awaitIndexed();
      QueryResult result = all(reopened);
      assertThat(result.total()).isEqualTo(nextId);
      assertThat(ids(result)).doesNotHaveDuplicates().hasSize(nextId);
      assertThat(partition(reopened, DAY).tier()).isEqualTo(Tier.WARM);
    }
  }

  @Test
  void eventsArrivingDuringCompactionAreAllKept() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      ingest(store, 10, 200);
      AtomicReference<Exception> failed = new AtomicReference<>();
      Thread compaction = new Thread(() -> {
        try {
          store.lifecycle().compact(DAY);
        } catch (Exception e) {
          failed.set(e);
        }
      });
      compaction.start();
      for (int b = 0; b < 30; b++) {
        wal.appendAndSubmit(store, batch(50));
      }
      compaction.join();
      assertThat(failed.get()).isNull();
      store.awaitIndexed();
      assertThat(ids(all(store))).doesNotHaveDuplicates().hasSize(nextId);
      store.commit();
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      assertThat(all(reopened).total()).isEqualTo(nextId);
    }
  }

  @Test
  void searchesRunningDuringCompactionLeaveNoMergedAwayFilesBehind() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      ingest(store, 20, 200);
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      AtomicReference<Exception> failed = new AtomicReference<>();
      Thread searches = new Thread(() -> {
        try {
          while (!done.get()) {
            all(store);
          }
        } catch (Exception e) {
          failed.set(e);
        }
      });
      searches.start();
      store.lifecycle().compact(DAY);
      done.set(true);
      searches.join();
      assertThat(failed.get()).isNull();
      assertOnlyLatestCommitFiles(DAY);
      assertThat(all(store).total()).isEqualTo(nextId);
    }
  }

  @Test
  void lifecycleCompactsOnlyDaysEndedLongEnoughAgo() throws Exception {
    try (LogStore store = LogStore.open(config(dir).withWarmAfter(Duration.ofHours(1)))) {
      ingest(store, 2, 100);
      Instant dayEnd = NEXT_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

      assertThat(store.lifecycle().compactDue(dayEnd.plusSeconds(3599))).isEmpty();
      assertThat(store.lifecycle().compactDue(dayEnd.plusSeconds(3600))).containsExactly(DAY);
      assertThat(store.lifecycle().compactDue(dayEnd.plusSeconds(7200))).as("warm days are not compacted again").isEmpty();
      assertThat(partition(store, DAY).tier()).isEqualTo(Tier.WARM);
      assertThat(partition(store, NEXT_DAY).tier()).isEqualTo(Tier.HOT);

      ingest(store, 2, 100); // late events open a warm writer; the next run commits and closes it
      assertThat(partition(store, DAY).writerOpen()).isTrue();
      assertThat(store.lifecycle().compactDue(dayEnd.plusSeconds(7260))).isEmpty();
      assertThat(partition(store, DAY).writerOpen()).isFalse();
      assertThat(all(store).total()).isEqualTo(nextId);
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(all(reopened).total()).isEqualTo(nextId);
    }
  }

  @Test
  void compactingADayWithoutAPartitionIsEmpty() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      assertThat(store.lifecycle().compact(LocalDate.parse("2001-01-01"))).isEmpty();
    }
  }
}
