package dev.corral.server.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** History never holds up an evaluation: a full queue or a refusing sink drops and counts. */
class AlertHistoryTest {
  private static List<LogEvent> events(int count) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(HistoryEvents.evaluation("r" + i, new LastEvaluation(AlertFixture.T0, "ok", 1, 1, 1, 1, "")));
    }
    return events;
  }

  @Test
  void eventsTheSinkRefusesAreCountedAsDropped() {
    AlertHistory history = new AlertHistory(batch -> {
      throw new IllegalStateException("server is starting");
    });
    history.start();
    history.record(events(3));
    history.close();
    assertThat(history.dropped()).isEqualTo(3);
    assertThat(history.written()).isZero();
  }

  @Test
  void aFullQueueDropsInsteadOfBlockingTheEvaluation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<LogEvent> stored = Collections.synchronizedList(new ArrayList<>());
    AlertHistory history = new AlertHistory(batch -> {
      release.await();
      stored.addAll(batch);
    });
    history.start();
    history.record(events(AlertHistory.MAX_QUEUED + AlertHistory.BATCH + 10)); // returns although the writer is stuck
    release.countDown();
    history.close();
    assertThat(history.dropped()).isGreaterThanOrEqualTo(10);
    assertThat(history.written() + history.dropped()).isEqualTo(AlertHistory.MAX_QUEUED + AlertHistory.BATCH + 10);
    assertThat(stored).hasSize((int) history.written());
  }
}
