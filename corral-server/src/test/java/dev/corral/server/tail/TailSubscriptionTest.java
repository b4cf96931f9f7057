package dev.corral.server.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corral.model.EventBatch;
import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.query.QueryParser;
import dev.corral.query.eval.EventFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TailSubscriptionTest {
  private final AtomicLong clock = new AtomicLong();
  /** Two events per 250 ms tick, on a clock that moves only when the test says. */
  private final TailHub hub = new TailHub(new TailLimits(8, 2, 2), () -> 42.0, clock::get);

  @Test
  void sendsMatchingEventsWithinTheRateAndCountsTheRestAsSkipped() throws Exception {
    try (TailSubscription tail = hub.subscribe(filter("level:ERROR"))) {
      hub.publish(batch(0, 10)); // events 0, 3, 6, 9 are errors
      hub.publish(batch(10, 10)); // 12, 15, 18
      TailMessage message = tail.next(clock.get());
      assertThat(message.events()).hasSize(2);
      assertThat(message.skipped()).isEqualTo(5);
      assertThat(message.dropped()).isZero();
      assertThat(message.receivedPerSecond()).isEqualTo(42.0);
      List<Long> numbers = numbers(message);
      assertThat(numbers).isSorted().allSatisfy(n -> assertThat(n % 3).isZero());
    }
  }

  @Test
  void theSampleIsSpreadOverTheTickNotTheFirstEvents() throws Exception {
    List<Long> seen = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      try (TailSubscription tail = hub.subscribe(filter(""))) {
        hub.publish(batch(0, 100));
        seen.addAll(numbers(tail.next(clock.get())));
      }
    }
    assertThat(seen).hasSize(400);
    assertThat(seen.stream().filter(n -> n >= 50).count()).as("picks from the second half").isGreaterThan(100);
  }

  @Test
  void aSubscriberFarBehindDropsWholeBatchesAndSaysSo() throws Exception {
    try (TailSubscription tail = hub.subscribe(filter(""))) {
      hub.publish(batch(0, TailSubscription.MAX_QUEUED_EVENTS)); // fits: the queue was empty
      hub.publish(batch(0, 7)); // does not
      assertThat(hub.droppedEvents()).isEqualTo(7);
      TailMessage message = tail.next(clock.get());
      assertThat(message.dropped()).isEqualTo(7);
      assertThat(message.skipped()).isEqualTo(TailSubscription.MAX_QUEUED_EVENTS - message.events().size() + 7);
      hub.publish(batch(0, 3)); // room again
      assertThat(tail.next(clock.get()).dropped()).isZero();
    }
  }

  @Test
  void tokensRefillWithTimeNotWithTicks() throws Exception {
    try (TailSubscription tail = hub.subscribe(filter(""))) {
      hub.publish(batch(0, 10));
      assertThat(tail.next(clock.get()).events()).hasSize(2);
      hub.publish(batch(10, 10));
      TailMessage immediately = tail.next(clock.get());
      assertThat(immediately.events()).as("no time has passed, no token earned").isEmpty();
      assertThat(immediately.skipped()).isEqualTo(10);
      clock.addAndGet(125_000_000); // half a tick: one token at 8 events/s
      hub.publish(batch(20, 10));
      assertThat(tail.next(clock.get()).events()).hasSize(1);
      clock.addAndGet(10_000_000_000L); // a long pause earns one tick's worth, not more
      hub.publish(batch(30, 10));
      assertThat(tail.next(clock.get()).events()).hasSize(2);
    }
  }

  @Test
  void subscribersAreCappedAndClosingFreesTheSlot() throws Exception {
    TailSubscription first = hub.subscribe(filter(""));
    TailSubscription second = hub.subscribe(filter(""));
    assertThatThrownBy(() -> hub.subscribe(filter(""))).isInstanceOf(TailBusyException.class)
        .hasMessageContaining("tail.max_subscribers").hasMessageContaining("2");
    first.close();
    first.close();
    assertThat(hub.subscribers()).isEqualTo(1);
    hub.subscribe(filter("")).close();
    second.close();
    assertThat(hub.subscribers()).isZero();
  }

  @Test
  void closingTheHubEndsEveryTailAtOnce() throws Exception {
    TailSubscription tail = hub.subscribe(filter(""));
    Thread waiting = Thread.ofVirtual().start(() -> {
      try {
        tail.next(clock.get() + 3_600_000_000_000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    hub.close();
    waiting.join();
    assertThat(tail.isOpen()).isFalse();
    assertThatThrownBy(() -> hub.subscribe(filter(""))).isInstanceOf(IllegalStateException.class);
  }

  private static java.util.function.Predicate<LogEvent> filter(String query) {
    return EventFilter.compile(QueryParser.parse(query), Instant.now());
  }

  /** Events numbered from {@code first}; every third is an ERROR. */
  private static EventBatch batch(long first, int count) {
    List<LogEvent> events = new ArrayList<>();
    for (long n = first; n < first + count; n++) {
      events.add(new LogEvent(1_700_000_000_000_000_000L + n, n % 3 == 0 ? Level.ERROR : Level.INFO, "event " + n,
          Fields.of(Map.of("n", n))));
    }
    return EventBatch.encode(events);
  }

  private static List<Long> numbers(TailMessage message) {
    return message.events().stream().map(e -> (Long) e.batch().events().get(e.line()).fields().get("n")).toList();
  }
}
