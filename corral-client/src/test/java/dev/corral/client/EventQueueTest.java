package dev.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private static final Origin ORIGIN = new Origin("svc", null, null, null);

  @Test
  void dropDebugFirstEvictsQueuedDebugEventsForImportantOnesThenDropsTheNewest() {
    EventQueue queue = new EventQueue(10, DropPolicy.DROP_DEBUG_FIRST, 10);
    offer(queue, "DEBUG", 10);

    offer(queue, "INFO", 4);
    offer(queue, "ERROR", 1);
    offer(queue, "TRACE", 3);

    List<LogEvent> taken = new ArrayList<>();
    queue.drainTo(taken, 100);
    assertThat(taken).extracting(LogEvent::level).containsExactly("INFO", "INFO", "INFO", "INFO", "ERROR", "DEBUG",
        "DEBUG", "DEBUG", "DEBUG", "DEBUG");
    assertThat(queue.drops().byLevel()).isEqualTo(Map.of("DEBUG", 5L, "TRACE", 3L));
  }

  @Test
  void whenOnlyImportantEventsAreQueuedTheNewestIsDropped() {
    EventQueue queue = new EventQueue(5, DropPolicy.DROP_DEBUG_FIRST, 5);
    offer(queue, "WARN", 5);

    offer(queue, "ERROR", 2);

    assertThat(queue.drops().byLevel()).isEqualTo(Map.of("ERROR", 2L));
    assertThat(queue.size()).isEqualTo(5);
  }

  @Test
  void dropNewestKeepsWhatIsQueuedWhateverItsLevel() {
    EventQueue queue = new EventQueue(10, DropPolicy.DROP_NEWEST, 10);
    offer(queue, "DEBUG", 10);

    offer(queue, "ERROR", 3);

    assertThat(queue.drops().byLevel()).isEqualTo(Map.of("ERROR", 3L));
    List<LogEvent> taken = new ArrayList<>();
    queue.drainTo(taken, 100);
    assertThat(taken).extracting(LogEvent::level).containsOnly("DEBUG").hasSize(10);
  }

  @Test
  void everyEventOfManyThreadsIsTakenOrCountedAsDroppedExactlyOnce() throws Exception {
    EventQueue queue = new EventQueue(1000, DropPolicy.DROP_DEBUG_FIRST, 100);
    int threads = 4;
    int perThread = 100_000;
    AtomicBoolean producing = new AtomicBoolean(true);
    long[] taken = new long[1];
    Thread consumer = new Thread(() -> {
      List<LogEvent> batch = new ArrayList<>();
      while (producing.get() || queue.size() > 0) {
        batch.clear();
        taken[0] += queue.drainTo(batch, 100);
      }
    });
    consumer.start();
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread producer = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          queue.offer(event(i % 3 == 0 ? "DEBUG" : "INFO"));
        }
      });
      producers.add(producer);
      producer.start();
    }
    for (Thread producer : producers) {
      producer.join();
    }
    producing.set(false);
    consumer.join();

    assertThat(taken[0] + queue.drops().total()).isEqualTo((long) threads * perThread);
  }

  @Test
  void dropIfFullCountsOnlyWhatOfferWouldDropAnyway() {
    EventQueue queue = new EventQueue(3, DropPolicy.DROP_DEBUG_FIRST, 3);
    assertThat(queue.dropIfFull("INFO")).isFalse();
    offer(queue, "INFO", 2);
    offer(queue, "DEBUG", 1);

    assertThat(queue.dropIfFull("DEBUG")).isTrue();
    assertThat(queue.dropIfFull("ERROR")).as("a queued DEBUG event can make room").isFalse();
    queue.offer(event("ERROR"));
    assertThat(queue.dropIfFull("ERROR")).isTrue();

    assertThat(queue.drops().byLevel()).isEqualTo(Map.of("DEBUG", 2L, "ERROR", 1L));
    EventQueue newest = new EventQueue(1, DropPolicy.DROP_NEWEST, 1);
    offer(newest, "DEBUG", 1);
    assertThat(newest.dropIfFull("FATAL")).isTrue();
  }

  @Test
  void dropPolicyNamesReadAsWritten() {
    assertThat(DropPolicy.parse("drop_newest")).isEqualTo(DropPolicy.DROP_NEWEST);
    assertThat(DropPolicy.parse(" Drop-Debug-First ")).isEqualTo(DropPolicy.DROP_DEBUG_FIRST);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DropPolicy.parse("drop_oldest"))
        .hasMessageContaining("drop_oldest").hasMessageContaining("drop_debug_first, drop_newest");
  }

  private static void offer(EventQueue queue, String level, int count) {
    for (int i = 0; i < count; i++) {
      queue.offer(event(level));
    }
  }

  private static LogEvent event(String level) {
    return new LogEvent(Instant.EPOCH, level, ORIGIN, null, null, "m", null, null);
  }
}
