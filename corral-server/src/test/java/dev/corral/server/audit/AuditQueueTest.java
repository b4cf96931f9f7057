package dev.corral.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The audit queue: bounded, never blocking the recorder, counting every entry it could not store. */
class AuditQueueTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-12-06T04:00:00Z"));

  @Test
  void aStuckWriterNeverBlocksTheRecorderAndEveryEntryBeyondTheBoundIsDroppedAndCounted() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<LogEvent> stored = new CopyOnWriteArrayList<>();
    int capacity = 3;
    AuditQueue queue = new AuditQueue(events -> {
      writing.countDown();
      release.await();
      stored.addAll(events);
    }, capacity, CLOCK);
    queue.start();
    queue.record(entry("first"));
    writing.await(); // the writer holds the first entry and is stuck: the queue is empty again

    for (int i = 0; i < capacity + 5; i++) {
      queue.record(entry("flood " + i)); // returns at once, also once the queue is full
    }
    assertThat(queue.queued()).isEqualTo(capacity);
    assertThat(queue.dropped()).isEqualTo(5);

    release.countDown();
    queue.close();
    assertThat(queue.written()).isEqualTo(1 + capacity);
    assertThat(queue.recorded()).isEqualTo(1 + capacity + 5);
    assertThat(stored).extracting(event -> event.fields().get("audit.query"))
        .containsExactly("first", "flood 0", "flood 1", "flood 2");
    queue.record(entry("after close"));
    assertThat(queue.dropped()).as("an entry after close is counted, not lost silently").isEqualTo(6);
  }

  @Test
  void aRefusedBatchIsDroppedAndCountedAndTheNextOneIsStored() throws Exception {
    List<LogEvent> stored = new CopyOnWriteArrayList<>();
    CountDownLatch refused = new CountDownLatch(1);
    AuditQueue queue = new AuditQueue(events -> {
      if (refused.getCount() > 0) {
        refused.countDown();
        throw new IllegalStateException("the disk is full");
      }
      stored.addAll(events);
    }, 10, CLOCK);
    queue.start();
    queue.record(entry("refused"));
    refused.await();
    queue.record(entry("stored"));
    queue.close();
    assertThat(queue.dropped()).isEqualTo(1);
    assertThat(queue.written()).isEqualTo(1);
    assertThat(stored).singleElement().satisfies(event -> {
      assertThat(event.fields().get("logtype")).isEqualTo("audit");
      assertThat(event.fields().get("service")).isEqualTo("corral");
      assertThat(event.timestamp()).isEqualTo(CLOCK.instant().getEpochSecond() * 1_000_000_000L);
    });
  }

  private static AuditEntry entry(String query) {
    return new AuditEntry("search", "k1", "ops", "127.0.0.1", AuditEntry.Outcome.ALLOWED,
        Map.of("kind", "search", "query", query));
  }
}
