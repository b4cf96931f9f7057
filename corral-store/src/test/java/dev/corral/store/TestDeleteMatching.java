package dev.corral.store;

import static dev.corral.store.StoreTesting.NOW;
import static dev.corral.store.StoreTesting.all;
import static dev.corral.store.StoreTesting.config;
import static dev.corral.store.StoreTesting.count;
import static dev.corral.store.StoreTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.QueryParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PartitionLifecycle#deleteMatching}: delete-by-query inside a day partition, for retention's stream rules. */
class TestDeleteMatching {
  private static final LocalDate DAY = LocalDate.parse("2026-11-19");
  private static final LocalDate OTHER_DAY = LocalDate.parse("2026-11-20");

  @TempDir Path dir;
  private final TestWal wal = new TestWal();

  private static List<LogEvent> events(LocalDate day, int debug, int error) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < debug + error; i++) {
      events.add(event(Instant.parse(day + "T10:00:00Z").plusSeconds(i), i < debug ? Level.DEBUG : Level.ERROR,
          "event " + i, Map.of("id", day + "-" + i)));
    }
    return events;
  }

  private LogStore storeWithTwoDays() throws Exception {
    LogStore store = LogStore.open(config(dir));
    wal.appendAndSubmit(store, events(DAY, 300, 20));
    wal.appendAndSubmit(store, events(OTHER_DAY, 10, 10));
    store.awaitIndexed();
    store.commit();
    return store;
  }

  @Test
  void deletesTheMatchingEventsOfOneWarmDayReclaimsTheirSpaceAndIsIdempotent() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      store.lifecycle().compact(DAY);
      int writers = store.openWriters(); // the other, hot day's

      DeletionOutcome outcome = store.lifecycle().deleteMatching(DAY, QueryParser.parse("level:DEBUG"), NOW).orElseThrow();

      assertThat(outcome.deletedEvents()).isEqualTo(300);
      assertThat(outcome.bytesAfter()).as("the merge dropped the deleted events' bytes").isLessThan(outcome.bytesBefore());
      assertThat(count(store, QueryParser.parse("level:DEBUG"))).as("only the other day's DEBUG events").isEqualTo(10);
      assertThat(count(store, QueryParser.parse("level:ERROR"))).isEqualTo(30);
      assertThat(store.openWriters()).as("a warm day keeps no writer").isEqualTo(writers);
      assertThat(store.searcher().partitions()).filteredOn(p -> p.day().equals(DAY))
          .singleElement().satisfies(p -> assertThat(p.tier()).isEqualTo(Tier.WARM));

      DeletionOutcome again = store.lifecycle().deleteMatching(DAY, QueryParser.parse("level:DEBUG"), NOW).orElseThrow();
      assertThat(again.deletedEvents()).isZero();
      assertThat(again.bytesAfter()).isEqualTo(again.bytesBefore());
      assertThat(store.openWriters()).as("nothing matched: no writer opened").isEqualTo(writers);
      assertThat(store.lifecycle().deleteMatching(LocalDate.parse("2020-01-01"), QueryParser.parse("*"), NOW)).isEmpty();
    }
    try (LogStore reopened = LogStore.open(config(dir))) {
      assertThat(wal.replay(reopened, reopened.checkpoint())).isZero();
      reopened.awaitIndexed();
      assertThat(all(reopened).total()).as("the deletion is committed").isEqualTo(40);
    }
  }

  @Test
  void deletesFromAHotDayWithAnOpenWriterAndLaterEventsOfTheDayStay() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      wal.appendAndSubmit(store, events(DAY, 5, 0)); // uncommitted when the deletion comes
      store.awaitIndexed();

      assertThat(store.lifecycle().deleteMatching(DAY, QueryParser.parse("level:DEBUG"), NOW).orElseThrow().deletedEvents())
          .isEqualTo(305);
      wal.appendAndSubmit(store, events(DAY, 7, 0));
      store.awaitIndexed();
      store.commit();

      assertThat(count(store, QueryParser.parse("level:DEBUG"))).isEqualTo(17);
      assertThat(store.failure()).isEmpty();
    }
  }

  @Test
  void aQueryHoldingThePartitionCompletesWithTheEventsDeletedMeanwhile() throws Exception {
    try (LogStore store = storeWithTwoDays()) {
      HeldQuery running = HeldQuery.start(store);

      assertThat(store.lifecycle().deleteMatching(DAY, QueryParser.parse("level:DEBUG"), NOW).orElseThrow().deletedEvents())
          .isEqualTo(300);
      assertThat(all(store).total()).as("a query after the deletion").isEqualTo(40);
      assertThat(running.isDone()).isFalse();

      assertThat(running.release().total()).as("the query that held the partition").isEqualTo(340);
    }
  }
}
