package dev.corral.store;

import static dev.corral.store.StoreTesting.NOW;
import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.event;
import static dev.corral.store.StoreTesting.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.query.ast.MatchAll;
import dev.corral.query.ast.Term;
import dev.corral.store.search.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLogStoreSearch {
  @TempDir Path dir;

  @Test
  void indexedEventsAreFoundWithTheirSource() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      wal.appendAndSubmit(store, List.of(
          event("2026-11-21T16:59:00Z", "card declined for order 42", Map.of("service", "payment-gateway", "id", "a")),
          event("2026-11-21T16:59:01Z", "user logged in", Map.of("service", "auth", "id", "b"))));
      store.awaitIndexed();
      QueryResult result = StoreTesting.search(store, new Term("service", "payment-gateway"), 10);
      assertThat(result.total()).isEqualTo(1);
      assertThat(ids(result)).containsExactly("a");
      assertThat(result.events().get(0).timestamp()).isEqualTo(Timestamps.toNanos(Instant.parse("2026-11-21T16:59:00Z")));
      assertThat(result.partitionsRead()).containsExactly("2026-11-21");
    }
  }

  @Test
  void sourceIsReturnedByteForByte() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      List<LogEvent> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        events.add(event(NOW.minusSeconds(i), Level.WARN, "ünïcödé message " + i + " \"quoted\"",
            Map.of("id", "e" + i, "n", (long) i, "ratio", i / 3.0, "ok", i % 2 == 0, "context.note", "x\ny")));
      }
      EventBatch batch = EventBatch.encode(events);
      store.submit(0, batch.source().length, batch);
      store.awaitIndexed();
      QueryResult result = all(store);
      assertThat(result.total()).isEqualTo(50);
      for (int i = 0; i < 50; i++) { // newest first: event i is the i-th result
        byte[] expected = Arrays.copyOfRange(batch.source(), batch.lineStart(i), batch.lineStart(i) + batch.lineLength(i));
        assertThat(result.events().get(i).source()).isEqualTo(expected);
      }
    }
  }

  @Test
  void resultsAreNewestFirstAndLimitedAcrossDays() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      List<LogEvent> events = new ArrayList<>();
      Instant start = Instant.parse("2026-11-17T22:00:00Z");
      for (int i = 0; i < 120; i++) { // every hour for 5 days, submitted out of time order
        events.add(event(start.plus(Duration.ofHours(i)), Level.INFO, "tick", Map.of("id", String.format("%03d", i))));
      }
      List<LogEvent> shuffled = new ArrayList<>(events);
      java.util.Collections.shuffle(shuffled, new java.util.Random(7));
      for (int i = 0; i < shuffled.size(); i += 10) {
        wal.appendAndSubmit(store, shuffled.subList(i, i + 10));
      }
      store.awaitIndexed();
      QueryResult top = StoreTesting.search(store, new MatchAll(), 30);
      assertThat(top.total()).isEqualTo(120);
      List<String> expected = new ArrayList<>();
      for (int i = 119; i >= 90; i--) {
        expected.add(String.format("%03d", i));
      }
      assertThat(ids(top)).containsExactlyElementsOf(expected);
      assertThat(top.partitionsRead()).containsExactly("2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19", "2026-11-18", "2026-11-17");
      assertThat(StoreTesting.search(store, new MatchAll(), 0).events()).isEmpty();
      assertThat(all(store).events()).hasSize(120);
    }
  }

  @Test
  void anEventDaysInThePastLandsInItsOwnDay() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      new TestWal().appendAndSubmit(store, List.of(
          event("2026-11-21T10:00:00Z", "today", Map.of("id", "now")),
          event("2026-11-02T23:59:59.999999999Z", "late arrival", Map.of("id", "old"))));
      store.awaitIndexed();
      store.commit();
      assertThat(Files.isDirectory(dir.resolve("2026-11-02"))).isTrue();
      assertThat(store.searcher().partitions()).extracting(PartitionInfo::day)
          .containsExactly(java.time.LocalDate.parse("2026-11-21"), java.time.LocalDate.parse("2026-11-02"));
      assertThat(store.searcher().partitions()).allSatisfy(p -> assertThat(p.docCount()).isEqualTo(1));
      QueryResult old = StoreTesting.search(store, new MatchAll(),
          Timestamps.toNanos(Instant.parse("2026-11-02T00:00:00Z")),
          Timestamps.toNanos(Instant.parse("2026-11-03T00:00:00Z")) - 1, 10);
      assertThat(ids(old)).containsExactly("old");
    }
  }

  @Test
  void timeBoundsPrunePartitionsAndFilterWithinADay() throws Exception {
    try (LogStore store = LogStore.open(config(dir))) {
      TestWal wal = new TestWal();
      for (int day = 10; day <= 14; day++) {
        wal.appendAndSubmit(store, List.of(
            event("2026-11-" + day + "T06:00:00Z", "morning", Map.of("id", day + "m")),
            event("2026-11-" + day + "T18:00:00Z", "evening", Map.of("id", day + "e"))));
      }
      store.awaitIndexed();
      QueryResult result = StoreTesting.search(store, new MatchAll(),
          Timestamps.toNanos(Instant.parse("2026-11-11T12:00:00Z")),
          Timestamps.toNanos(Instant.parse("2026-11-13T06:00:00Z")), 100);
      assertThat(result.partitionsRead()).containsExactly("2026-11-13", "2026-11-12", "2026-11-11");
      assertThat(ids(result)).containsExactly("13m", "12e", "12m", "11e");
      assertThat(result.total()).isEqualTo(4);
    }
  }

  @Test
  void awaitIndexedMakesSubmittedEventsVisible() throws Exception {
    StoreConfig slowRefresh = config(dir).withIntervals(Duration.ofHours(1), Duration.ofHours(1));
    try (LogStore store = LogStore.open(slowRefresh)) {
      TestWal wal = new TestWal();
      for (int i = 0; i < 20; i++) {
        wal.appendAndSubmit(store, List.of(event("2026-11-21T10:00:00Z", "m", Map.of("id", "x" + i))));
      }
      store.awaitIndexed();
      assertThat(store.pendingEvents()).isZero();
      assertThat(all(store).total()).isEqualTo(20);
    }
  }

  @Test
  void manyEventsOfOneBatchKeepTheirOwnFields() throws Exception {
    // The document builder reuses field instances between the documents of one addDocuments call.
    try (LogStore store = LogStore.open(config(dir))) {
      List<LogEvent> events = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        events.add(event(NOW.minusMillis(i), Level.values()[i % 6], "message number" + i, Map.of("id", "id" + i)));
      }
      new TestWal().appendAndSubmit(store, events);
      store.awaitIndexed();
      for (int i = 0; i < 2000; i += 97) {
        QueryResult byId = StoreTesting.search(store, new Term("id", "id" + i), 10);
        assertThat(ids(byId)).containsExactly("id" + i);
        assertThat(StoreTesting.count(store, new Term("message", "number" + i))).isEqualTo(1);
        assertThat(byId.events().get(0).timestamp()).isEqualTo(Timestamps.toNanos(NOW.minusMillis(i)));
      }
      assertThat(StoreTesting.count(store, new Term("level", "FATAL"))).isEqualTo(2000 / 6);
    }
  }

  @Test
  void submitRejectsRecordsOutOfWalOrderAndAfterClose() throws Exception {
    LogStore store = LogStore.open(config(dir));
    EventBatch batch = EventBatch.encode(List.of(event("2026-11-21T10:00:00Z", "m", Map.of())));
    store.submit(100, 200, batch);
    assertThatThrownBy(() -> store.submit(150, 300, batch)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of WAL order");
    store.close();
    store.close();
    assertThat(store.isOpen()).isFalse();
    assertThatThrownBy(() -> store.submit(200, 300, batch)).isInstanceOf(IllegalStateException.class);
  }
}
